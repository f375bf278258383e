namespace ClaimTracker.Language.Tests;

public class FactTokensTests
{
    [Theory]
    [InlineData("Kim and Putin will meet on Wednesday", "Kim and Putin will meet on Thursday", FactKind.Weekday)]
    [InlineData("The summit took place in September 2023", "The summit took place in September 2022", FactKind.Year)]
    [InlineData("The summit opens on 13 September", "The summit opens on 14 September", FactKind.Number)]
    [InlineData("The summit opens on 13 September", "The summit opens on 13 October", FactKind.Month)]
    [InlineData("Russia received 2,000 artillery shells", "Russia received 20,000 artillery shells", FactKind.Number)]
    [InlineData("North Korea sent two trains", "North Korea sent three trains", FactKind.Number)]
    [InlineData("Unemployment fell in the third quarter", "Unemployment fell in the second quarter", FactKind.Number)]
    [InlineData("Cars are banned on Sundays", "Cars are banned on Saturdays", FactKind.Weekday)]
    [InlineData("Kim will meet Putin in Vladivostok", "Kim will not meet Putin in Vladivostok", FactKind.Negation)]
    [InlineData("Kim will meet Putin in Vladivostok", "Kim will meet Putin in Khabarovsk", FactKind.Name)]
    [InlineData("Kim will meet Putin", "Kim will meet Lavrov", FactKind.Name)]
    public void Differences_TextsDifferingInOneFact_NameThatFact(string a, string b, FactKind kind)
    {
        Assert.Contains(kind, FactTokens.Differences(a, b));
        Assert.Contains(kind, FactTokens.Differences(b, a));
    }

    [Theory]
    [InlineData("Kim Jong Un's train has departed for Russia", "The train of Kim has left for Russia")]
    [InlineData("Kim may travel to Vladivostok", "Kim might travel to Vladivostok")]
    [InlineData("Putin is seeking 2,000 shells", "Putin seeks 2000 shells")]
    [InlineData("The price rose 2.50 percent", "The price rose 2.5 percent")]
    [InlineData("It is not true that Kim did not travel to Russia", "Kim travelled to Russia")]
    [InlineData("The train is moving to Vladivostok", "Vladivostok is where the train is moving")]
    [InlineData("Carrots improve your night vision", "Eating carrots improves night vision")]
    [InlineData("The WHO declared an emergency", "The World Health Organization declared an emergency")]
    [InlineData("Wind turbines kill birds in the US", "Wind turbines kill birds in the United States")]
    public void Differences_Paraphrases_FindNone(string a, string b) => Assert.Empty(FactTokens.Differences(a, b));

    [Fact]
    public void Extract_MonthsThatAreCommonWords_CountOnlyWhenCapitalised()
    {
        Assert.DoesNotContain(FactTokens.Extract("Kim may march on"), f => f.Kind == FactKind.Month);
        Assert.Contains(new FactToken(FactKind.Month, "05"), FactTokens.Extract("The talks resume in May"));
    }

    [Fact]
    public void Extract_YearsAndOtherNumbers_AreToldApart()
    {
        var facts = FactTokens.Extract("In 2023 about 1,500 people and 3.5 tonnes crossed");

        Assert.Equal([new(FactKind.Year, "2023"), new(FactKind.Number, "1500"), new(FactKind.Number, "3.5")],
            facts.Where(f => f.Kind is FactKind.Year or FactKind.Number));
    }

    [Fact]
    public void Extract_OtherLanguages_FindWeekdaysAndMonths()
    {
        Assert.Contains(new FactToken(FactKind.Weekday, "wednesday"), FactTokens.Extract("Kim e Putin vão se reunir na quarta-feira"));
        Assert.Contains(new FactToken(FactKind.Month, "09"), FactTokens.Extract("La cumbre se celebra en septiembre"));
    }
}
