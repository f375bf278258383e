namespace ClaimTracker.Language.Tests;

// Cue words in a second sense that says nothing about likelihood, each next to a control in the hedging sense.
// The sentences are written for these tests.
public class SenseRuleTests
{
    private static IReadOnlyList<CueMatch> Match(string text) => SeedLexicon.Matcher.Match(text);

    private static void AssertNoCue(string text, string word) =>
        Assert.DoesNotContain(Match(text), c => c.MatchedText.Contains(word, StringComparison.OrdinalIgnoreCase));

    private static void AssertCue(string text, string word) =>
        Assert.Contains(Match(text), c => c.MatchedText.Equals(word, StringComparison.OrdinalIgnoreCase));

    [Theory]
    [InlineData("The actor has appeared in four stage plays since 2010.", "appeared")]
    [InlineData("She appeared on radio twice last year.", "appeared")]
    [InlineData("He appears as the villain in the sequel.", "appears")]
    [InlineData("The minister appeared before the committee on Tuesday.", "appeared")]
    [InlineData("The band first appeared in 1987.", "appeared")]
    [InlineData("Certain types of cancer are more common in older men.", "Certain")]
    [InlineData("Only a certain number of tickets were sold.", "certain")]
    [InlineData("The rule applies in certain cases.", "certain")]
    [InlineData("Staff should rest as much as possible.", "possible")]
    [InlineData("Donors made the new library possible.", "possible")]
    [InlineData("Grants made it possible to hire two nurses.", "possible")]
    [InlineData("The country showed off its military might in a parade.", "might")]
    [InlineData("Might makes right, the general liked to say.", "Might")]
    [InlineData("Police questioned a key suspect overnight.", "suspect")]
    [InlineData("The suspects were released on bail.", "suspects")]
    [InlineData("As the name suggests, the bridge is made of stone.", "suggests")]
    [InlineData("An asterisk indicates that the player was injured.", "indicates")]
    [InlineData("Either team may request a video review.", "may")]
    [InlineData("Club members may bring one guest each.", "may")]
    [InlineData("The flood claimed the lives of nine villagers.", "claimed")]
    [InlineData("The storm claimed at least 12 lives.", "claimed")]
    [InlineData("She claimed the title in her first season.", "claimed")]
    [InlineData("The court returned the said documents to the owner.", "said")]
    public void Match_WordInASenseThatIsNotAHedge_FindsNoCueThere(string text, string word) => AssertNoCue(text, word);

    [Theory]
    [InlineData("Kim appears to have left the capital.", "appears")]
    [InlineData("It appears that the talks have stalled.", "appears")]
    [InlineData("The minister appeared nervous.", "appeared")]
    [InlineData("It appears as if the deal is off.", "appears")]
    [InlineData("It is certain that prices will rise.", "certain")]
    [InlineData("Officials are certain the dam will hold.", "certain")]
    [InlineData("Nobody knows for certain.", "certain")]
    [InlineData("It is possible that the ship sank.", "possible")]
    [InlineData("A possible meeting was discussed.", "possible")]
    [InlineData("The talks might collapse this week.", "might")]
    [InlineData("Police suspect that the fire was set.", "suspect")]
    [InlineData("Investigators suspected arson.", "suspected")]
    [InlineData("The suspected gunman fled.", "suspected")]
    [InlineData("The early results suggest a close race.", "suggest")]
    [InlineData("Satellite images indicate that troops are massing.", "indicate")]
    [InlineData("Players may have been exposed to the virus.", "may")]
    [InlineData("Prices may rise again next year.", "may")]
    [InlineData("Officials claimed that the vote was rigged.", "claimed")]
    [InlineData("The rebels claimed responsibility for the attack.", "claimed")]
    [InlineData("The minister said the talks had failed.", "said")]
    public void Match_WordInItsHedgingSense_KeepsItsCue(string text, string word) => AssertCue(text, word);

    [Fact]
    public void Match_WhenThePrecedingWordIsInAnotherClause_KeepsTheCue()
    {
        // "title" ends the clause before: the rule only reads the cue's own clause.
        AssertCue("He won the title; experts suggest he will defend it.", "suggest");
    }
}
