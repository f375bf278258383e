namespace ClaimTracker.Language;

public enum SentenceKind { HedgedClaim, PlainAssertion, Background }

public enum ChainRole { Origin, Relay, Publisher }

// What is known of the article around the text: its publisher and the wire it republished (with other names
// they go by, so that "AFP" in the text is Agence France-Presse), and names of organisations the caller knows,
// which help cut names out of runs of capitalised words.
public sealed record ArticleContext(
    string? Publisher = null, string? SyndicatedFrom = null, IReadOnlyDictionary<string, PartyKind>? KnownNames = null,
    IReadOnlyList<string>? PublisherAliases = null, IReadOnlyList<string>? SyndicatedFromAliases = null);

// One link of a proposed attribution chain. FromArticle: added from the article's publisher or wire, not read in the text.
public sealed record ChainParty(string Name, string? Mention, TextSpan? Span, PartyKind Kind, bool Unnamed, ChainRole Role, bool FromArticle);

// A claim-sized piece of a sentence: "Experts suggest that A, while B is reportedly C" holds two.
// Statement: the clause without its attribution ("X told Y that", "..., Z said") and quotation marks, as a first
// draft of the proposition in plain words; the hedge words stay, since they are part of what was said.
public sealed record ClauseAnalysis(
    TextSpan Span, string Text, SentenceKind Kind, IReadOnlyList<CueMatch> Cues, IReadOnlyList<ChainParty> Chain,
    StatedConfidence Confidence, string Statement);

// Uncertain: the model's verdict (Uncertainty >= its threshold), with the features that weighed most in
// Explanation; without a model, Uncertainty is null and a sentence is uncertain when it holds a hedge cue.
public sealed record SentenceAnalysis(int Index, TextSpan Span, string Text, SentenceKind Kind, IReadOnlyList<ClauseAnalysis> Clauses)
{
    public IEnumerable<CueMatch> Cues => Clauses.SelectMany(c => c.Cues);

    public bool Uncertain { get; init; }
    public double? Uncertainty { get; init; }
    public IReadOnlyList<UncertaintyContribution> Explanation { get; init; } = [];
}

public sealed record TextAnalysis(IReadOnlyList<SentenceAnalysis> Sentences)
{
    // The clauses worth recording: hedged claims and assertions someone is quoted making.
    public IEnumerable<(SentenceAnalysis Sentence, ClauseAnalysis Clause)> Proposals =>
        Sentences.SelectMany(s => s.Clauses.Where(c => c.Kind != SentenceKind.Background).Select(c => (s, c)));
}

// Reads text into sentences, each into claims with their hedge cues, attribution chain and stated probability.
//  - kind: a hedged claim has a cue other than an attribution (estimative, evidential, weasel or peacock); a plain
//    assertion has none but is attributed to someone ("Lankov said"); anything else is background;
//  - the chain runs from the innermost speaker (origin) through the outlets that passed it on (relays), then the
//    article's wire and publisher when the text did not name them; a claim nobody is named for starts at the wire
//    (or else the publisher);
//  - the stated probability follows HedgeAnalysis.Combine over the claim's cues.
//  - with a model, each sentence gets the model's probability that it is uncertain, and why (UncertaintyModel).
// It never throws on odd text: any string gives sentences whose spans lie inside it.
public sealed partial class TextAnalyzer(HedgeMatcher matcher, UncertaintyModel? model = null)
{
    public const int MaxSentenceTokens = 400;

    public TextAnalysis Analyze(string text, ArticleContext? context = null)
    {
        context ??= new ArticleContext();
        var tokens = Tokenizer.Tokenize(text);
        var cues = matcher.Match(text, tokens);
        var names = context.KnownNames ?? new Dictionary<string, PartyKind>();
        var finder = new AttributionFinder(text, tokens, names);
        var article = new ArticleNames(context);

        var sentences = new List<SentenceAnalysis>();
        Party? lastPerson = null;
        var people = new People();
        var tokenIndex = 0;
        var cueIndex = 0;
        // Reused from sentence to sentence: none of them outlives its sentence.
        var quotes = new List<TextSpan>();
        var clauseSpans = new List<TextSpan>();
        var clauses = new List<(TextSpan Span, List<AttributionEvent> Events)>();
        foreach (var span in SentenceSplitter.Split(text))
        {
            while (cueIndex < cues.Count && cues[cueIndex].Start < span.Start) cueIndex++;
            var sentenceCues = new List<CueMatch>();
            while (cueIndex < cues.Count && cues[cueIndex].Start < span.End) sentenceCues.Add(cues[cueIndex++]);

            while (tokenIndex < tokens.Count && tokens[tokenIndex].Start < span.Start) tokenIndex++;
            var first = tokenIndex;
            while (tokenIndex < tokens.Count && tokens[tokenIndex].End <= span.End) tokenIndex++;
            var last = tokenIndex - 1;

            Quotations(text, span, quotes);
            Clauses(text, span, quotes, clauseSpans);
            clauses.Clear();
            foreach (var clause in clauseSpans)
            {
                var (cFirst, cLast) = TokenRange(tokens, clause, first, last);
                var events = cFirst <= cLast && cLast - cFirst < MaxSentenceTokens ? finder.Find(cFirst, cLast, quotes, lastPerson) : NoEvents;
                for (var e = 0; e < events.Count; e++) events[e] = people.Resolve(events[e]);
                people.Remember(events);
                clauses.Add((clause, events));
                for (var e = events.Count - 1; e >= 0; e--)
                    if (IsPerson(events[e].Speaker)) { lastPerson = events[e].Speaker; break; }
            }

            // A trailing attribution ("..., officials said.") speaks for the clauses before it too.
            var trailing = NoEvents;
            if (clauses.Count > 1)
            {
                var (lastSpan, lastEvents) = clauses[^1];
                foreach (var e in lastEvents)
                {
                    if (e.Content.Start > lastSpan.Start) continue;
                    if (ReferenceEquals(trailing, NoEvents)) trailing = [];
                    trailing.Add(e);
                }
            }

            var sentenceText = text.Substring(span.Start, span.Length);
            var analysed = new List<ClauseAnalysis>(clauses.Count);
            var sentenceKind = SentenceKind.Background;
            foreach (var (clauseSpan, events) in clauses)
            {
                var own = events.Count > 0 ? events : trailing;
                var clauseCues = new List<CueMatch>();
                var hedged = false;
                foreach (var m in sentenceCues)
                {
                    if (!clauseSpan.Contains(m.Start)) continue;
                    clauseCues.Add(m);
                    hedged |= m.Entry.Category != CueCategory.Attribution;
                }
                var kind = hedged ? SentenceKind.HedgedClaim : own.Count > 0 ? SentenceKind.PlainAssertion : SentenceKind.Background;
                if (analysed.Count == 0 || kind < sentenceKind) sentenceKind = kind;
                var clauseText = clauseSpan == span ? sentenceText : text.Substring(clauseSpan.Start, clauseSpan.Length);
                analysed.Add(new ClauseAnalysis(clauseSpan, clauseText, kind, clauseCues,
                    Complete(AttributionFinder.Chain(own), context, article), HedgeAnalysis.Combine(clauseCues), Statement(text, clauseSpan, events)));
            }

            var verdict = model?.Predict(text, span, tokens, first, last, sentenceCues);
            sentences.Add(new SentenceAnalysis(sentences.Count, span, sentenceText, sentenceKind, analysed)
            {
                Uncertain = verdict?.Uncertain ?? sentenceKind == SentenceKind.HedgedClaim,
                Uncertainty = verdict?.Probability,
                Explanation = verdict?.Explanation ?? [],
            });
        }
        return new TextAnalysis(sentences);
    }

    // Shared by every clause without an attribution of its own; never added to.
    private static readonly List<AttributionEvent> NoEvents = [];

    // "Andrei Lankov ... told AFP" and later "Lankov said": the second is the first.
    private sealed class People
    {
        private readonly List<Party> _named = [];

        public void Remember(List<AttributionEvent> events)
        {
            foreach (var e in events)
            {
                var party = e.Speaker;
                if (IsPerson(party) && party.Name.Contains(' ') && !Knows(party.Name)) _named.Add(party);
            }
        }

        private bool Knows(string name)
        {
            foreach (var p in _named)
                if (p.Name == name) return true;
            return false;
        }

        public AttributionEvent Resolve(AttributionEvent e)
        {
            var speaker = Resolve(e.Speaker);
            return ReferenceEquals(speaker, e.Speaker) ? e : e with { Speaker = speaker };
        }

        // The last person remembered whose full name ends in " " + this one's.
        private Party Resolve(Party party)
        {
            if (party.Unnamed || party.Name.Contains(' ')) return party;
            var name = party.Name;
            for (var i = _named.Count - 1; i >= 0; i--)
            {
                var full = _named[i].Name;
                if (full.Length > name.Length && full[full.Length - name.Length - 1] == ' ' && full.EndsWith(name, StringComparison.Ordinal))
                    return party with { Name = full, Kind = _named[i].Kind };
            }
            return party;
        }
    }

    private static readonly HashSet<string> LeadIns = new(StringComparer.OrdinalIgnoreCase)
    {
        "on", "at", "in", "the", "last", "this", "earlier", "later", "weekend", "week", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday", "a", "statement", "separately", "also", "that",
    };

    private static readonly HashSet<string> KeptVerbs = new(
        new[] { "refuse", "decline", "deny", "confirm", "accuse" }.SelectMany(Inflections.OfVerb), StringComparer.Ordinal);

    [System.Text.RegularExpressions.GeneratedRegex(@"\s*,(\s*,)+\s*")]
    private static partial System.Text.RegularExpressions.Regex RepeatedCommas();

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> KeptVerbsBySpan =
        KeptVerbs.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> LeadInsBySpan =
        LeadIns.GetAlternateLookup<ReadOnlySpan<char>>();

    // Reads like: blank out the attributions (but not a refusal), drop quotation marks, split into words, drop a
    // lead-in up to "that", join with single spaces, close up " ," and " .", trim, merge runs of commas and
    // capitalise. Done in one char buffer, since it runs for every clause.
    private static string Statement(string text, TextSpan clause, List<AttributionEvent> events)
    {
        if (clause.Length == 0) return "";
        var removed = new List<TextSpan>(events.Count);
        Span<char> lower = stackalloc char[32];
        foreach (var e in events)
        {
            // "The Kremlin has refused to confirm X": the refusal is the claim, so it stays.
            var verb = text.AsSpan(e.Verb.Start, e.Verb.Length);
            var kept = verb.Length <= lower.Length && verb.ToLowerInvariant(lower) == verb.Length
                ? KeptVerbsBySpan.Contains(lower[..verb.Length])
                : KeptVerbs.Contains(verb.ToString().ToLowerInvariant());
            if (!kept) removed.Add(e.Extent);
        }

        var rented = System.Buffers.ArrayPool<char>.Shared.Rent(clause.Length * 2);
        try
        {
            // Pass 1: the clause with attributions blanked and quotation marks dropped.
            var chars = rented.AsSpan(0, clause.Length);
            var count = 0;
            for (var i = clause.Start; i < clause.End; i++)
            {
                if (IsRemoved(removed, i)) { chars[count++] = ' '; continue; }
                var c = text[i];
                if (c is not ('"' or '“' or '”')) chars[count++] = char.IsControl(c) ? ' ' : c;
            }
            chars = chars[..count];

            // "... told the newspaper at the weekend that Kim ...": drop the lead-in up to "that".
            var from = 0;
            var at = 0;
            while (NextWord(chars, ref at, out var word))
            {
                if (word.Trim(',').Equals("that", StringComparison.OrdinalIgnoreCase)) { from = at; break; }
                if (!LeadInsBySpan.Contains(word.Trim(','))) break;
            }

            // Pass 2: the words from there on, one space apart, with no space before a comma or full stop.
            var output = rented.AsSpan(clause.Length, clause.Length);
            var length = 0;
            at = from;
            while (NextWord(chars, ref at, out var word))
            {
                if (length > 0 && word[0] is not (',' or '.')) output[length++] = ' ';
                word.CopyTo(output[length..]);
                length += word.Length;
            }
            var statement = output[..length].Trim([' ', ',', ';', ':', '.', '—', '-', '\'', '’']);
            if (HasRepeatedCommas(statement))
            {
                var merged = RepeatedCommas().Replace(statement.ToString(), ", ");
                return merged.Length == 0 ? merged : char.ToUpperInvariant(merged[0]) + merged[1..];
            }
            if (statement.Length == 0) return "";
            statement[0] = char.ToUpperInvariant(statement[0]);
            return statement.ToString();
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(rented);
        }
    }

    private static bool IsRemoved(List<TextSpan> removed, int position)
    {
        foreach (var extent in removed)
            if (extent.Contains(position)) return true;
        return false;
    }

    // The next run of non-white characters at or after `at`, as string.Split(null) would give it.
    private static bool NextWord(ReadOnlySpan<char> chars, ref int at, out ReadOnlySpan<char> word)
    {
        while (at < chars.Length && char.IsWhiteSpace(chars[at])) at++;
        var start = at;
        while (at < chars.Length && !char.IsWhiteSpace(chars[at])) at++;
        word = chars[start..at];
        return at > start;
    }

    // Whether RepeatedCommas has anything to do: two commas with only white space between them.
    private static bool HasRepeatedCommas(ReadOnlySpan<char> statement)
    {
        for (var i = statement.IndexOf(','); i >= 0 && i < statement.Length; )
        {
            var j = i + 1;
            while (j < statement.Length && char.IsWhiteSpace(statement[j])) j++;
            if (j < statement.Length && statement[j] == ',') return true;
            var next = statement[j..].IndexOf(',');
            i = next < 0 ? -1 : j + next;
        }
        return false;
    }

    private static bool IsPerson(Party party) => !party.Unnamed && party.Kind is PartyKind.Official or PartyKind.Expert or PartyKind.Other;

    // The names the article's wire and publisher go by, worked out once per text rather than once per clause.
    private sealed class ArticleNames(ArticleContext context)
    {
        public readonly string[] Wire = [context.SyndicatedFrom ?? "", .. context.SyndicatedFromAliases ?? []];
        public readonly string[] Publisher = [context.Publisher ?? "", .. context.PublisherAliases ?? []];
    }

    private static List<ChainParty> Complete(List<Party> parties, ArticleContext context, ArticleNames names)
    {
        var chain = new List<ChainParty>(parties.Count + 2);
        for (var i = 0; i < parties.Count; i++)
        {
            var p = parties[i];
            chain.Add(new ChainParty(p.Name, p.Mention, p.Span, p.Kind, p.Unnamed, i == 0 ? ChainRole.Origin : ChainRole.Relay, FromArticle: false));
        }
        if (context.SyndicatedFrom is { Length: > 0 } wire && IndexOf(chain, names.Wire) < 0)
        {
            var before = -1;
            for (var i = 0; i < chain.Count && before < 0; i++)
                if (Is(chain[i], names.Publisher) && chain[i].Role != ChainRole.Origin) before = i;
            chain.Insert(before < 0 ? chain.Count : before,
                new ChainParty(wire, null, null, PartyKind.WireAgency, false, chain.Count == 0 ? ChainRole.Origin : ChainRole.Relay, true));
        }
        if (context.Publisher is { Length: > 0 } publisher && IndexOf(chain, names.Publisher) < 0)
            chain.Add(new ChainParty(publisher, null, null, PartyKind.Outlet, false, chain.Count == 0 ? ChainRole.Origin : ChainRole.Publisher, true));
        else if (context.Publisher is { Length: > 0 } && chain.Count > 1)
        {
            for (var i = 1; i < chain.Count; i++)
                if (Is(chain[i], names.Publisher)) chain[i] = chain[i] with { Role = ChainRole.Publisher };
        }
        return chain;
    }

    private static int IndexOf(List<ChainParty> chain, string[] names)
    {
        for (var i = 0; i < chain.Count; i++)
            if (Is(chain[i], names)) return i;
        return -1;
    }

    private static bool Is(ChainParty party, string[] names)
    {
        foreach (var n in names)
            if (n.Length > 0 && (Same(party.Name, n) || Same(party.Mention, n))) return true;
        return false;
    }

    private static bool Same(string? a, string? b) =>
        a is not null && b is not null ? a.AsSpan().Trim().Equals(b.AsSpan().Trim(), StringComparison.OrdinalIgnoreCase) : a is null && b is null;

    private static (int First, int Last) TokenRange(List<Token> tokens, TextSpan span, int first, int last)
    {
        var f = first;
        while (f <= last && tokens[f].Start < span.Start) f++;
        var l = f - 1;
        while (l + 1 <= last && tokens[l + 1].End <= span.End) l++;
        return (f, l);
    }

    // Quotation spans inside a sentence: straight double quotes in pairs, and curly “...” pairs.
    private static void Quotations(string text, TextSpan sentence, List<TextSpan> quotes)
    {
        quotes.Clear();
        var open = -1;
        for (var i = sentence.Start; i < sentence.End; i++)
        {
            var c = text[i];
            if (c == '“' || (c == '"' && open < 0)) { open = i; continue; }
            if ((c == '”' || c == '"') && open >= 0)
            {
                quotes.Add(TextSpan.FromBounds(open, i + 1));
                open = -1;
            }
        }
    }

    // Splits a sentence where it joins two claims: "; ", ", while ", ", whereas ", ", but " — outside quotations.
    private static void Clauses(string text, TextSpan sentence, List<TextSpan> quotes, List<TextSpan> clauses)
    {
        clauses.Clear();
        var start = sentence.Start;
        for (var i = sentence.Start; i < sentence.End; i++)
        {
            if (text[i] is not (',' or ';') || InQuotation(quotes, i)) continue;
            var rest = text.AsSpan(i + 1, sentence.End - i - 1);
            var joiner = text[i] == ';' ? 1
                : rest.StartsWith(" while ", StringComparison.Ordinal) ? 7
                : rest.StartsWith(" whereas ", StringComparison.Ordinal) ? 9
                : rest.StartsWith(" but ", StringComparison.Ordinal) ? 5
                : 0;
            if (joiner == 0) continue;
            if (i > start) clauses.Add(Trim(text, TextSpan.FromBounds(start, i)));
            start = i + 1 + joiner;
            i = start - 1;
        }
        if (sentence.End > start) clauses.Add(Trim(text, TextSpan.FromBounds(start, sentence.End)));
    }

    private static bool InQuotation(List<TextSpan> quotes, int position)
    {
        foreach (var q in quotes)
            if (q.Contains(position)) return true;
        return false;
    }

    private static TextSpan Trim(string text, TextSpan span)
    {
        var (s, e) = (span.Start, span.End);
        while (s < e && char.IsWhiteSpace(text[s])) s++;
        while (e > s && char.IsWhiteSpace(text[e - 1])) e--;
        return TextSpan.FromBounds(s, e);
    }
}
