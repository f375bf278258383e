using CsCheck;

namespace ClaimTracker.Language.Tests;

public class SentenceSplitterTests
{
    private static string[] Split(string text) =>
        SentenceSplitter.Split(text).Select(s => text.Substring(s.Start, s.Length)).ToArray();

    [Theory]
    [InlineData("Kim left on Sunday. Putin waited in Vladivostok.", "Kim left on Sunday.", "Putin waited in Vladivostok.")]
    [InlineData("Did he leave? Officials would not say! The train was seen.", "Did he leave?", "Officials would not say!", "The train was seen.")]
    [InlineData("\"The train has left,\" an official said. Nobody confirmed it.", "\"The train has left,\" an official said.", "Nobody confirmed it.")]
    [InlineData("He said \"it is over.\" Then he left.", "He said \"it is over.\"", "Then he left.")]
    [InlineData("Gen. Mark Milley spoke on Jan. 5 with Sen. John Smith. They met again.", "Gen. Mark Milley spoke on Jan. 5 with Sen. John Smith.", "They met again.")]
    [InlineData("J. R. R. Tolkien wrote it. It sold well.", "J. R. R. Tolkien wrote it.", "It sold well.")]
    [InlineData("The U.S. Army deployed 3.5 brigades. The move was expected.", "The U.S. Army deployed 3.5 brigades.", "The move was expected.")]
    [InlineData("Troops were sent by the U.S. The move was expected.", "Troops were sent by the U.S.", "The move was expected.")]
    [InlineData("Visit NDTV.com for more. Or not.", "Visit NDTV.com for more.", "Or not.")]
    [InlineData("Wait... the train moved. Then it stopped.", "Wait... the train moved.", "Then it stopped.")]
    [InlineData("(The story was edited.) It ran on page one.", "(The story was edited.)", "It ran on page one.")]
    public void Split_NewsProse_EndsSentencesWhereAReaderWould(string text, params string[] expected) =>
        Assert.Equal(expected, Split(text));

    [Fact]
    public void Split_HeadlinesDatelinesAndCaptions_StandAlone()
    {
        var text = "Kim \"Appears\" To Have Left: Report\n\nSeoul:\n\nKim's train appears to have left.\nFile photo";

        Assert.Equal(["Kim \"Appears\" To Have Left: Report", "Seoul:", "Kim's train appears to have left.", "File photo"], Split(text));
    }

    [Fact]
    public void Split_HardWrappedParagraph_StaysOneSentence()
    {
        var text = "The train carrying Kim is believed to be\nheading to Vladivostok, officials said.\r\n\r\nNext paragraph.";

        Assert.Equal(["The train carrying Kim is believed to be\nheading to Vladivostok, officials said.", "Next paragraph."], Split(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n\t ")]
    public void Split_BlankText_HasNoSentence(string text) => Assert.Empty(Split(text));

    [Fact]
    public void Split_TextWithoutPunctuation_IsOneSentence() =>
        Assert.Equal(["no punctuation at all here"], Split("no punctuation at all here"));

    // Emoji are surrogate pairs in UTF-16 (and some are several code points): one that follows a full stop closes
    // the sentence it follows, and no sentence starts or ends between the halves of a pair.
    [Theory]
    [InlineData("The train left. 🚀 It appears so.", "The train left. 🚀", "It appears so.")]
    [InlineData("The train left! 👍🏽 It appears so.", "The train left! 👍🏽", "It appears so.")]
    [InlineData("The train left. ❤️ 🇰🇷 It appears so.", "The train left. ❤️ 🇰🇷", "It appears so.")]
    [InlineData("The train left.🚀 It appears so.", "The train left.🚀", "It appears so.")]
    [InlineData("The train left. 🚀It appears so.", "The train left.", "🚀It appears so.")]
    [InlineData("The train left. ✅ It appears so.", "The train left. ✅", "It appears so.")]
    [InlineData("The train left. 🚀 it appears so.", "The train left. 🚀 it appears so.")]
    [InlineData("The train left. 𝐈t appears so.", "The train left.", "𝐈t appears so.")]
    [InlineData("The train left. ``It appears so.''", "The train left.", "``It appears so.''")]
    public void Split_EmojiBetweenSentences_StaysWithTheSentenceBefore(string text, params string[] expected) =>
        Assert.Equal(expected, Split(text));

    private static readonly Gen<string> Emoji = Gen.OneOf<string>("🚀", "😀", "👍🏽", "❤️", "🇰🇷", "👨‍👩‍👧", "✅", "★", "🚀🚀");

    private static readonly Gen<string> Plain = Gen.OneOf<string>("The train left.", "Kim appears to have left!", "Did it leave?",
        "Officials said the talks may resume.", "\"It is over,\" he said.");

    [Fact]
    public void Split_SentencesJoinedByEmoji_GivesEachSentenceWithItsEmoji() =>
        Gen.Select(Plain, Emoji, Gen.Int[0, 3]).Array[1, 8].Sample(parts =>
        {
            var text = string.Join(" ", parts.Select(p => p.Item1 + string.Concat(Enumerable.Repeat(" " + p.Item2, p.Item3))));

            var sentences = Split(text);

            return sentences.SequenceEqual(parts.Select(p => p.Item1 + string.Concat(Enumerable.Repeat(" " + p.Item2, p.Item3))));
        }, iter: 500);

    [Fact]
    public void Split_AnyTextWithEmoji_NeverCutsASurrogatePair() =>
        Gen.OneOf(Plain, Emoji, Gen.OneOf<string>(" ", "\n\n", "it", ".", "\ud83d", "\ude80")).Array[0, 30]
            .Select(parts => string.Join(" ", parts))
            .Sample(text => SentenceSplitter.Split(text).All(s =>
                s.Start >= 0 && s.End <= text.Length && !IsLowSurrogateAfterHigh(text, s.Start) && !IsLowSurrogateAfterHigh(text, s.End)),
                iter: 1000);

    private static bool IsLowSurrogateAfterHigh(string text, int at) =>
        at > 0 && at < text.Length && char.IsLowSurrogate(text[at]) && char.IsHighSurrogate(text[at - 1]);

    [Fact]
    public void Split_ChineseFullStops_EndSentences() =>
        Assert.Equal(["金正恩已经出发。", "普京在等待。"], Split("金正恩已经出发。普京在等待。"));
}
