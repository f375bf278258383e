namespace ClaimTracker.Language.Tests;

public class TokenizerTests
{
    [Fact]
    public void Tokenize_LetterOutsideTheBasicPlane_IsPartOfItsWord()
    {
        const string text = "The 𠮷野家 chain 🚀 opened.";

        var words = Tokenizer.Tokenize(text).Select(t => text.Substring(t.Start, t.Length));

        Assert.Equal(["The", "𠮷野家", "chain", "opened"], words);
    }

    [Fact]
    public void Tokenize_Offsets_CountUtf16CodeUnits()
    {
        // The rocket is one code point but two UTF-16 code units, as in a JavaScript string.
        var token = Tokenizer.Tokenize("🚀 likely").Single();

        Assert.Equal((3, 6), (token.Start, token.Length));
    }
}
