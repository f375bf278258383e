namespace ClaimTracker.Language.Tests;

// Attribution chains on news sentences written for these tests, with the article published by "Daily Planet".
public class AttributionTests
{
    private static readonly TextAnalyzer Analyzer = new(SeedLexicon.Matcher);

    private static ClauseAnalysis Only(string sentence, string? wire = null) =>
        Assert.Single(Assert.Single(Analyzer.Analyze(sentence, new ArticleContext("Daily Planet", wire)).Sentences).Clauses);

    private static string Chain(ClauseAnalysis clause) => string.Join(" > ", clause.Chain.Select(l => $"{l.Name}:{l.Role.ToString().ToLowerInvariant()}"));

    [Theory]
    [InlineData("Reuters reported on Tuesday, citing three people familiar with the matter, that the deal was likely to be signed.",
        "Three people familiar with the matter:origin > Reuters:relay > Daily Planet:publisher")]
    [InlineData("According to two officials who spoke on condition of anonymity, the convoy appears to have turned back.",
        "Two officials:origin > Daily Planet:publisher")]
    [InlineData("Gen. Mark Milley told reporters that Russia is unlikely to win the war.", "Mark Milley:origin > Daily Planet:publisher")]
    [InlineData("\"We do not expect any change,\" said Sen. John Smith, a Republican from Ohio.", "John Smith:origin > Daily Planet:publisher")]
    [InlineData("The newspaper, citing unnamed sources, said the president was expected to resign.",
        "Unnamed sources:origin > Newspaper:relay > Daily Planet:publisher")]
    [InlineData("The company is thought to be worth $2 billion, the Financial Times reported.",
        "Financial Times:origin > Daily Planet:publisher")]
    [InlineData("Dr. Jane Doe of the World Health Organization said the virus is almost certainly airborne.",
        "Jane Doe:origin > Daily Planet:publisher")]
    [InlineData("He was not expected to attend the summit, the Kremlin said.", "Kremlin:origin > Daily Planet:publisher")]
    [InlineData("A senior official told the Korea Herald that talks had appeared to stall.",
        "Senior official:origin > Korea Herald:relay > Daily Planet:publisher")]
    [InlineData("Prices may rise further, economists warned.", "Economists:origin > Daily Planet:publisher")]
    [InlineData("The U.S. Army said on Friday that more troops could follow.", "U.S. Army:origin > Daily Planet:publisher")]
    public void Analyze_AttributedSentence_ChainsItsSpeakersFromTheOrigin(string sentence, string chain) =>
        Assert.Equal(chain, Chain(Only(sentence)));

    [Fact]
    public void Analyze_SpeakerInsideAQuotation_ComesBeforeWhoeverQuotedIt() =>
        Assert.Equal("Military sources:origin > Spokesman:relay > Yonhap:relay > Daily Planet:publisher",
            Chain(Only("\"Military sources believe the launch failed,\" a spokesman told Yonhap.")));

    [Fact]
    public void Analyze_LeadingSpeakerReportingAnother_PutsTheReportedOneFirst() =>
        Assert.Equal("Tokyo:origin > NHK:relay > Daily Planet:publisher",
            Chain(Only("Broadcaster NHK said Tokyo \"expects\" the talks to resume.")));

    [Fact]
    public void Analyze_UnattributedClaim_StartsAtTheWire() =>
        Assert.Equal("AFP:origin > Daily Planet:publisher", Chain(Only("The leader reportedly fears flying.", wire: "AFP")));

    [Fact]
    public void Analyze_TrailingAttribution_CoversEveryClause()
    {
        var clauses = Assert.Single(Analyzer.Analyze("The talks may resume, while a deal is unlikely, officials said.", new ArticleContext("Daily Planet")).Sentences).Clauses;

        Assert.Equal(2, clauses.Count);
        Assert.All(clauses, c => Assert.Equal("Officials:origin > Daily Planet:publisher", Chain(c)));
    }

    [Fact]
    public void Analyze_LeadingAttribution_CoversOnlyItsOwnClause()
    {
        var clauses = Assert.Single(Analyzer.Analyze("Experts suggest that talks may resume, while the leader is reportedly ill.", new ArticleContext("Daily Planet", "AFP")).Sentences).Clauses;

        Assert.Equal(["Experts:origin > AFP:relay > Daily Planet:publisher", "AFP:origin > Daily Planet:publisher"], clauses.Select(Chain));
    }

    [Fact]
    public void Analyze_PronounSpeaker_IsTheLastPersonNamed()
    {
        var sentences = Analyzer.Analyze("Jane Doe, an analyst at the Sejong Institute, told AFP the deal was near. \"It may collapse,\" she said.", new ArticleContext("Daily Planet")).Sentences;

        Assert.Equal("Jane Doe", sentences[1].Clauses[0].Chain[0].Name);
    }

    [Fact]
    public void Analyze_Surname_IsTheFullNameMentionedBefore()
    {
        var sentences = Analyzer.Analyze("Andrei Lankov told AFP that a summit was possible. \"It may happen soon,\" Lankov said.", new ArticleContext("Daily Planet")).Sentences;

        Assert.Equal("Andrei Lankov", sentences[1].Clauses[0].Chain[0].Name);
    }

    [Theory]
    [InlineData("Kim is expected to arrive on Tuesday.")]
    [InlineData("The summit was believed to be near.")]
    public void Analyze_PassiveHedge_NamesNoSpeaker(string sentence)
    {
        var clause = Only(sentence);

        Assert.Equal(SentenceKind.HedgedClaim, clause.Kind);
        Assert.Equal("Daily Planet:origin", Chain(clause));
    }

    [Theory]
    [InlineData("Vladivostok will host the Eastern Economic Forum until Wednesday.", SentenceKind.Background)]
    [InlineData("The White House warned that Pyongyang would pay a price.", SentenceKind.PlainAssertion)]
    [InlineData("The train appears to have left.", SentenceKind.HedgedClaim)]
    [InlineData("The vaccine was approved in May 2021.", SentenceKind.Background)]
    public void Analyze_Sentence_HasItsKind(string sentence, SentenceKind kind) => Assert.Equal(kind, Only(sentence).Kind);

    [Theory]
    [InlineData("Reuters said the deal was done.", PartyKind.WireAgency)]
    [InlineData("Seoul said the deal was done.", PartyKind.Government)]
    [InlineData("Unnamed officials said the deal was done.", PartyKind.Anonymous)]
    [InlineData("Kremlin spokesman Dmitry Peskov said the deal was done.", PartyKind.Official)]
    [InlineData("Yang Moo-jin said the deal was done.", PartyKind.Expert)]
    public void Analyze_Speaker_IsGivenALikelyKind(string sentence, PartyKind kind) => Assert.Equal(kind, Only(sentence).Chain[0].Kind);

    // Patterns from later articles, in wording of our own: who the origin is, what kind, and what is left as the claim.
    [Theory]
    [InlineData("The United States has accused Venezuela of hiding the ballots.", "United States", PartyKind.Government,
        "The United States has accused Venezuela of hiding the ballots")]
    [InlineData("The European Union said the tariffs would stay.", "European Union", PartyKind.Government, "The tariffs would stay")]
    [InlineData("The United Nations warned that the harvest may fail.", "United Nations", PartyKind.Government, "The harvest may fail")]
    [InlineData("The White House said the visit was off.", "White House", PartyKind.Government, "The visit was off")]
    [InlineData("Chile said the border would close.", "Chile", PartyKind.Government, "The border would close")]
    [InlineData("According to Japanese news agency Kyodo, the ferry sank.", "Kyodo", PartyKind.WireAgency, "The ferry sank")]
    [InlineData("According to British broadcaster BBC on Sunday, the ferry sank.", "BBC", PartyKind.Broadcaster, "The ferry sank")]
    [InlineData("The state news agency Xinhua said the dam held.", "Xinhua", PartyKind.WireAgency, "The dam held")]
    [InlineData("The ferry sank near the port, the Coast Guard Service here claimed Friday.", "Coast Guard Service", PartyKind.Government,
        "The ferry sank near the port")]
    [InlineData("The ferry sank near the port, officials said on Friday.", "Officials", PartyKind.Anonymous, "The ferry sank near the port")]
    [InlineData("The ferry sank near the port, the ministry said in a statement Friday.", "Ministry", PartyKind.Anonymous,
        "The ferry sank near the port")]
    [InlineData("Local media reports said the mayor may resign.", "Local media", PartyKind.Anonymous, "The mayor may resign")]
    [InlineData("Local media reported that the mayor had resigned.", "Local media", PartyKind.Anonymous, "The mayor had resigned")]
    [InlineData("Peru's interior minister said the curfew would end.", "Peru's interior minister", PartyKind.Official, "The curfew would end")]
    [InlineData("Egypt's foreign ministry said the talks would go on.", "Egypt's foreign ministry", PartyKind.Government,
        "The talks would go on")]
    [InlineData("Brazil's central bank chief told reporters that rates could rise.", "Brazil's central bank chief", PartyKind.Official,
        "Rates could rise")]
    public void Analyze_LaterArticlePattern_NamesOneOriginOfItsKind(string sentence, string origin, PartyKind kind, string statement)
    {
        var clause = Only(sentence);

        Assert.Equal((origin, kind), (clause.Chain[0].Name, clause.Chain[0].Kind));
        Assert.Equal(2, clause.Chain.Count);
        Assert.Equal(statement, clause.Statement);
    }

    // Words that look like the patterns above but name no speaker.
    [Theory]
    [InlineData("Peru's decision suggests that the curfew will end.")]
    [InlineData("Peru has been accused of hiding the ballots.")]
    public void Analyze_NoSpeakerInLookAlike_StartsAtThePublisher(string sentence) =>
        Assert.Equal("Daily Planet:origin", Chain(Only(sentence)));

    [Theory]
    [InlineData("Officials told the newspaper at the weekend that Kim was likely to travel.", "Kim was likely to travel")]
    [InlineData("\"The train has left,\" an official told Yonhap.", "The train has left")]
    [InlineData("The deal is near, officials said.", "The deal is near")]
    [InlineData("The country is, Washington says, supplying rockets.", "The country is, supplying rockets")]
    [InlineData("The Kremlin has refused to confirm any meeting.", "The Kremlin has refused to confirm any meeting")]
    public void Analyze_Clause_DraftsItsStatementWithoutTheAttribution(string sentence, string statement) =>
        Assert.Equal(statement, Only(sentence).Statement);
}
