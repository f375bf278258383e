namespace ClaimTracker.Language;

public readonly record struct Token(string Text, int Start, int Length)
{
    public int End => Start + Length;
}

// Whole words, lower-cased invariantly. Apostrophes and hyphens inside a word stay in it
// ("isn't", "well-known"); everything else that is not a letter or digit separates words.
public static class Tokenizer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i])) { i++; continue; }
            var start = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || IsJoiner(text, i))) i++;
            tokens.Add(new Token(text.Substring(start, i - start).ToLowerInvariant().Replace('’', '\''), start, i - start));
        }
        return tokens;
    }

    private static bool IsJoiner(string text, int i) =>
        text[i] is '\'' or '’' or '-'
        && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1])
        && i > 0 && char.IsLetterOrDigit(text[i - 1]);
}
