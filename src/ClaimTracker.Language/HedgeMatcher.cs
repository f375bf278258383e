namespace ClaimTracker.Language;

public sealed record CueMatch(
    LexiconEntry Entry,
    string MatchedText,
    int Start,
    int Length,
    bool Negated,
    bool Quoted)
{
    // Negation mirrors the probability: "not expected" says as much against the claim as "expected" says for it.
    public double Probability => Negated ? 1 - Entry.Probability : Entry.Probability;
}

// A word-level trie over every surface form of every term, built once per lexicon.
// Matching walks the text once: at each word the longest phrase starting there wins,
// and matching resumes after it, so "highly unlikely" is never also read as "unlikely".
// A single-word match is dropped when SenseRules reads it in a sense that is not a hedge ("appeared in a film").
public sealed class HedgeMatcher
{
    // When several published scales define the same phrase, the one listed first supplies its number:
    // measured reader perception before the intelligence yardsticks, and our own priors last.
    public static readonly string[] ScalePrecedence =
        ["probly-perceptions", "icd-203", "phia", "kent-1964", "claimtracker", "claimtracker-vague"];

    private static readonly HashSet<string> Negators =
        ["not", "no", "never", "without", "hardly", "nor", "neither", "cannot"];

    // Negation reaches at most this many words back ("is not yet expected"), never across a clause break.
    private const int NegationWindow = 3;

    private readonly Node _root = new();

    public HedgeMatcher(IEnumerable<LexiconEntry> entries)
    {
        foreach (var entry in entries.OrderBy(e => Rank(e.Scale)))
        {
            foreach (var form in entry.SurfaceForms)
            {
                var words = Tokenizer.Tokenize(form);
                if (words.Count == 0) continue;
                var node = _root;
                foreach (var word in words)
                {
                    node.Children ??= new Dictionary<string, Node>(StringComparer.Ordinal);
                    if (!node.Children.TryGetValue(word.Text, out var next))
                        node.Children[word.Text] = next = new Node();
                    node = next;
                }
                node.Entry ??= entry;
            }
        }
    }

    public IReadOnlyList<LexiconEntry> PreferredEntries => Collect(_root).Distinct().ToList();

    public IReadOnlyList<CueMatch> Match(string text) => Match(text, Tokenizer.Tokenize(text));

    internal IReadOnlyList<CueMatch> Match(string text, List<Token> tokens)
    {
        var matches = new List<CueMatch>();
        var i = 0;
        while (i < tokens.Count)
        {
            var (entry, length) = Longest(text, tokens, i);
            if (entry is null || (entry.LowercaseOnly && MeansSomethingElse(text, tokens, i))
                || SenseRules.MeansSomethingElse(text, tokens, i, length)) { i++; continue; }

            var start = tokens[i].Start;
            var end = tokens[i + length - 1].End;
            matches.Add(new CueMatch(
                entry,
                text[start..end],
                start,
                end - start,
                Negated: IsNegated(text, tokens, i),
                Quoted: IsQuoted(text, start, end)));
            i += length;
        }
        return matches;
    }

    private (LexiconEntry? Entry, int Length) Longest(string text, List<Token> tokens, int from)
    {
        LexiconEntry? best = null;
        var bestLength = 0;
        var node = _root;
        for (var j = from; j < tokens.Count; j++)
        {
            if (j > from && HasClauseBreak(text, tokens[j - 1].End, tokens[j].Start)) break;
            if (node.Children is null || !node.Children.TryGetValue(tokens[j].Text, out node)) break;
            if (node.Entry is not null) { best = node.Entry; bestLength = j - from + 1; }
        }
        return (best, bestLength);
    }

    // "May" the month, not "may" the modal: capitalised after the first word, or followed by a number.
    private static bool MeansSomethingElse(string text, List<Token> tokens, int index)
    {
        var capitalised = char.IsUpper(text[tokens[index].Start]);
        var sentenceStart = index == 0 || text.AsSpan(tokens[index - 1].End, tokens[index].Start - tokens[index - 1].End)
            .IndexOfAny(".!?:\n") >= 0;
        var beforeNumber = index + 1 < tokens.Count && char.IsDigit(text[tokens[index + 1].Start]);
        return beforeNumber || (capitalised && !sentenceStart);
    }

    private static bool IsNegated(string text, List<Token> tokens, int cueIndex)
    {
        for (var k = cueIndex - 1; k >= 0 && k >= cueIndex - NegationWindow; k--)
        {
            if (HasClauseBreak(text, tokens[k].End, tokens[k + 1].Start)) return false;
            var word = tokens[k].Text;
            if (Negators.Contains(word) || word.EndsWith("n't", StringComparison.Ordinal)) return true;
        }
        return false;
    }

    internal static bool HasClauseBreak(string text, int from, int to)
    {
        for (var c = from; c < to; c++)
            if (text[c] is ',' or ';' or ':' or '.' or '…' or '!' or '?' or '(' or ')' or '—' or '–') return true;
        return false;
    }

    private static bool IsQuoted(string text, int start, int end) =>
        start > 0 && end < text.Length
        && text[start - 1] is '"' or '“' or '\'' or '‘'
        && text[end] is '"' or '”' or '\'' or '’';

    private static int Rank(string scale)
    {
        var index = Array.IndexOf(ScalePrecedence, scale);
        return index < 0 ? ScalePrecedence.Length : index;
    }

    private static IEnumerable<LexiconEntry> Collect(Node node)
    {
        if (node.Entry is not null) yield return node.Entry;
        if (node.Children is null) yield break;
        foreach (var child in node.Children.Values)
            foreach (var entry in Collect(child))
                yield return entry;
    }

    private sealed class Node
    {
        public Dictionary<string, Node>? Children;
        public LexiconEntry? Entry;
    }
}
