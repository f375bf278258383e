namespace ClaimTracker.Language;

public readonly record struct Token(string Text, int Start, int Length)
{
    public int End => Start + Length;
}

// Whole words, lower-cased invariantly. Apostrophes and hyphens inside a word stay in it
// ("isn't", "well-known"); everything else that is not a letter or digit separates words. A letter written as a
// surrogate pair ("𠮷") is one letter: a word never starts or ends between the two halves.
public static class Tokenizer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>(text.Length / 6 + 4);
        var i = 0;
        while (i < text.Length)
        {
            if (LetterWidth(text, i) == 0) { i++; continue; }
            var start = i;
            while (i < text.Length)
            {
                var width = LetterWidth(text, i);
                if (width == 0 && !IsJoiner(text, i)) break;
                i += Math.Max(width, 1);
            }
            tokens.Add(new Token(Lower(text, start, i - start), start, i - start));
        }
        return tokens;
    }

    // text.Substring(start, length).ToLowerInvariant().Replace('’', '\''), as one string; a common word comes
    // from CommonWords rather than a new string, since a text repeats them in every sentence.
    private static string Lower(string text, int start, int length)
    {
        if (length > MaxCommonWordLength)
            return string.Create(length, (text, start), static (chars, at) =>
            {
                at.text.AsSpan(at.start, chars.Length).ToLowerInvariant(chars);
                chars.Replace('’', '\'');
            });
        Span<char> word = stackalloc char[MaxCommonWordLength];
        word = word[..length];
        text.AsSpan(start, length).ToLowerInvariant(word);
        word.Replace('’', '\'');
        return CommonWordsBySpan.TryGetValue(word, out var common) ? common : new string(word);
    }

    private const int MaxCommonWordLength = 16;

    // The commonest words of English news, and the ones attribution turns on.
    private static readonly HashSet<string> CommonWords = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "of", "to", "in", "and", "or", "but", "that", "this", "these", "those", "is", "are", "was", "were",
        "be", "been", "being", "has", "have", "had", "will", "would", "could", "should", "may", "might", "can", "not", "no",
        "for", "on", "at", "by", "with", "from", "as", "it", "its", "he", "she", "they", "his", "her", "their", "we", "our",
        "i", "you", "who", "which", "what", "when", "where", "than", "then", "there", "also", "after", "before", "about",
        "into", "over", "more", "most", "some", "other", "one", "two", "new", "last", "year", "years", "week", "monday",
        "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "said", "says", "say", "told", "tell", "according",
        "reported", "report", "reports", "officials", "official", "government", "president", "minister", "people", "country",
        "state", "news", "agency", "media", "sources", "source", "expected", "likely", "possibly", "probably", "appears",
        "believe", "believed", "suggest", "suggests", "claimed", "citing", "up", "out", "all", "so", "if",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> CommonWordsBySpan =
        CommonWords.GetAlternateLookup<ReadOnlySpan<char>>();

    // 1 for a letter or digit, 2 for one written as a surrogate pair, 0 for anything else.
    private static int LetterWidth(string text, int i) =>
        !char.IsLetterOrDigit(text, i) ? 0 : char.IsHighSurrogate(text[i]) ? 2 : 1;

    private static bool IsJoiner(string text, int i) =>
        text[i] is '\'' or '’' or '-'
        && i + 1 < text.Length && char.IsLetterOrDigit(text, i + 1)
        && i > 0 && (char.IsLowSurrogate(text[i - 1]) ? i > 1 && char.IsLetterOrDigit(text, i - 2) : char.IsLetterOrDigit(text[i - 1]));
}
