namespace ClaimTracker.Language;

// The features the uncertainty model reads from one sentence, each a 64-bit hash of its name, so a sentence is
// scored without building a string. Names (needed to train and to save a model) are built only when asked for,
// from the same pieces the hash is taken over, so a name and its hash can never disagree.
//   word:w        each word, lower-cased; any word holding a digit is "#"
//   lemma:w       the word without a plural, -ed, -ing or -ly ending, when that differs from the word
//   words:a b     neighbouring words ("<s>" before the first), which catch "some critics", "is considered"
//   cue:p         a lexicon cue (by its phrase, so "appeared" counts as "appears"), with its category,
//   category:c    whether it is negated or quoted, and the words around it, which separate its senses:
//   cue:p<w       "either player may", "a key suspect"
//   cue:p>w       "appears in", "certain kinds"; cue:p>plural for "certain" before any plural noun
//   as-as>w       "as much as possible", "as early as 1950": comparisons, not hedges
//   shape:…       the sentence holds a number, a quotation or brackets; its length in tens of words; its cue count
// Bump Version when a feature changes meaning: a model trained on other features refuses to load.
public static class UncertaintyFeatures
{
    public const string Version = "uncertainty-features-1";

    private const ulong FnvOffset = 14695981039346656037;
    private const ulong FnvPrime = 1099511628211;

    public static ulong Hash(ReadOnlySpan<char> name) => Add(FnvOffset, name);

    private static ulong Add(ulong hash, ReadOnlySpan<char> part)
    {
        foreach (var c in part) hash = (hash ^ c) * FnvPrime;
        return hash;
    }

    // One sentence's features; reused from sentence to sentence so that scoring allocates nothing.
    internal sealed class Buffer(bool withNames)
    {
        public ulong[] Hashes = new ulong[256];
        public int[] Starts = new int[256];
        public int[] Lengths = new int[256];
        public string[] Names = withNames ? new string[256] : [];
        public int Count;
        public readonly bool WithNames = withNames;

        public void Clear() => Count = 0;

        public void Emit(string prefix, ReadOnlySpan<char> a, int start = -1, int length = 0) =>
            Emit(prefix, a, "", [], "", [], start, length);

        public void Emit(string prefix, ReadOnlySpan<char> a, string separator, ReadOnlySpan<char> b, int start = -1, int length = 0) =>
            Emit(prefix, a, separator, b, "", [], start, length);

        public void Emit(string prefix, ReadOnlySpan<char> a, string separator, ReadOnlySpan<char> b, string suffix, ReadOnlySpan<char> c,
            int start, int length)
        {
            if (Count == Hashes.Length) Grow();
            Hashes[Count] = Add(Add(Add(Add(Add(Add(FnvOffset, prefix), a), separator), b), suffix), c);
            Starts[Count] = start;
            Lengths[Count] = length;
            if (WithNames) Names[Count] = string.Concat(string.Concat(prefix, a, separator), string.Concat(b, suffix, c));
            Count++;
        }

        private void Grow()
        {
            Array.Resize(ref Hashes, Hashes.Length * 2);
            Array.Resize(ref Starts, Starts.Length * 2);
            Array.Resize(ref Lengths, Lengths.Length * 2);
            if (WithNames) Array.Resize(ref Names, Names.Length * 2);
        }
    }

    // tokens[first..last] are the sentence's words (as Tokenizer gives them) and cues its lexicon matches, all
    // with offsets into text.
    internal static void Extract(string text, TextSpan sentence, List<Token> tokens, int first, int last,
        IReadOnlyList<CueMatch> cues, Buffer into)
    {
        into.Clear();
        var previous = "<s>".AsSpan();
        var previousStart = -1;
        var hasNumber = false;
        for (var i = first; i <= last; i++)
        {
            var token = tokens[i];
            var word = Word(token.Text);
            hasNumber |= word is "#";
            into.Emit("word:", word, token.Start, token.Length);
            var lemma = Lemma(word);
            if (lemma.Length != word.Length) into.Emit("lemma:", lemma, token.Start, token.Length);
            var bigramStart = previousStart < 0 ? token.Start : previousStart;
            into.Emit("words:", previous, " ", word, bigramStart, token.End - bigramStart);
            if (word is "as" && i + 3 <= last && tokens[i + 2].Text == "as")
                into.Emit("as-as>", Word(tokens[i + 3].Text), token.Start, tokens[i + 3].End - token.Start);
            previous = word;
            previousStart = token.Start;
        }

        foreach (var cue in cues)
        {
            var at = first;
            while (at <= last && tokens[at].Start < cue.Start) at++;
            var end = at;
            while (end <= last && tokens[end].End < cue.Start + cue.Length) end++;
            var phrase = cue.Entry.Phrase;
            var category = cue.Entry.Category.ToString();
            into.Emit("cue:", phrase, cue.Start, cue.Length);
            into.Emit("category:", category, cue.Start, cue.Length);
            if (cue.Negated) into.Emit("category:", category, ":negated", [], cue.Start, cue.Length);
            if (cue.Quoted) into.Emit("category:", category, ":quoted", [], cue.Start, cue.Length);
            var before = at > first ? Word(tokens[at - 1].Text) : "<s>";
            var from = at > first ? tokens[at - 1].Start : cue.Start;
            into.Emit("cue:", phrase, "<", before, from, cue.Start + cue.Length - from);
            if (end + 1 <= last)
            {
                var next = tokens[end + 1];
                var after = Word(next.Text);
                into.Emit("cue:", phrase, ">", after, cue.Start, next.End - cue.Start);
                if (IsPlural(after)) into.Emit("cue:", phrase, ">plural", [], cue.Start, next.End - cue.Start);
            }
            else into.Emit("cue:", phrase, ">", "</s>", cue.Start, cue.Length);
        }

        var words = last - first + 1;
        into.Emit("shape:tens-of-words=", Digits[Math.Min(words / 10, 5)]);
        if (hasNumber) into.Emit("shape:number", []);
        var body = text.AsSpan(sentence.Start, sentence.Length);
        if (body.IndexOfAny("\"“”") >= 0) into.Emit("shape:quotation", []);
        if (body.IndexOfAny("()[]") >= 0) into.Emit("shape:brackets", []);
        into.Emit("shape:cues=", Digits[Math.Min(cues.Count, 3)]);
    }

    private static readonly string[] Digits = ["0", "1", "2", "3", "4", "5"];

    private static ReadOnlySpan<char> Word(string token)
    {
        foreach (var c in token)
            if (char.IsDigit(c)) return "#";
        return token;
    }

    // Cheap suffix stripping: enough to join "considered", "considers" and "considering", not a real lemmatiser.
    private static ReadOnlySpan<char> Lemma(ReadOnlySpan<char> word)
    {
        if (word.Length <= 4) return word;
        if (word.EndsWith("ing")) return word[..^3];
        if (word.EndsWith("ied") || word.EndsWith("ies")) return word[..^3];
        if (word.EndsWith("ed") || word.EndsWith("ly")) return word[..^2];
        if (word.EndsWith("es") && !word.EndsWith("ses")) return word[..^2];
        if (word[^1] == 's' && word[^2] is not ('s' or 'u' or 'i' or '\'')) return word[..^1];
        return word;
    }

    private static bool IsPlural(ReadOnlySpan<char> word) =>
        word.Length > 3 && word[^1] == 's' && word[^2] is not ('s' or 'u' or 'i' or '\'');
}
