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

        var sentences = new List<SentenceAnalysis>();
        Party? lastPerson = null;
        var people = new People();
        var tokenIndex = 0;
        var cueIndex = 0;
        foreach (var span in SentenceSplitter.Split(text))
        {
            while (cueIndex < cues.Count && cues[cueIndex].Start < span.Start) cueIndex++;
            var sentenceCues = new List<CueMatch>();
            while (cueIndex < cues.Count && cues[cueIndex].Start < span.End) sentenceCues.Add(cues[cueIndex++]);

            while (tokenIndex < tokens.Count && tokens[tokenIndex].Start < span.Start) tokenIndex++;
            var first = tokenIndex;
            while (tokenIndex < tokens.Count && tokens[tokenIndex].End <= span.End) tokenIndex++;
            var last = tokenIndex - 1;

            var quotes = Quotations(text, span);
            var clauses = new List<(TextSpan Span, int First, int Last, List<AttributionEvent> Events)>();
            foreach (var clause in Clauses(text, span, quotes))
            {
                var (cFirst, cLast) = TokenRange(tokens, clause, first, last);
                var events = cFirst <= cLast && cLast - cFirst < MaxSentenceTokens
                    ? finder.Find(cFirst, cLast, quotes, lastPerson).Select(e => people.Resolve(e)).ToList()
                    : [];
                people.Remember(events);
                clauses.Add((clause, cFirst, cLast, events));
                if (events.Select(e => e.Speaker).LastOrDefault(IsPerson) is { } person) lastPerson = person;
            }

            // A trailing attribution ("..., officials said.") speaks for the clauses before it too.
            var trailing = clauses.Count > 1
                ? clauses[^1].Events.Where(e => e.Content.Start <= clauses[^1].Span.Start).ToList()
                : [];

            var analysed = clauses.Select(c =>
            {
                var own = c.Events.Count > 0 ? c.Events : trailing;
                var clauseCues = sentenceCues.Where(m => c.Span.Contains(m.Start)).ToList();
                var hedged = clauseCues.Any(m => m.Entry.Category != CueCategory.Attribution);
                var kind = hedged ? SentenceKind.HedgedClaim : own.Count > 0 ? SentenceKind.PlainAssertion : SentenceKind.Background;
                return new ClauseAnalysis(c.Span, text.Substring(c.Span.Start, c.Span.Length), kind, clauseCues,
                    Complete(AttributionFinder.Chain(own), context), HedgeAnalysis.Combine(clauseCues), Statement(text, c.Span, c.Events));
            }).ToList();

            var sentenceKind = analysed.Select(c => c.Kind).DefaultIfEmpty(SentenceKind.Background).Min();
            var verdict = model?.Predict(text, span, tokens, first, last, sentenceCues);
            sentences.Add(new SentenceAnalysis(sentences.Count, span, text.Substring(span.Start, span.Length), sentenceKind, analysed)
            {
                Uncertain = verdict?.Uncertain ?? sentenceKind == SentenceKind.HedgedClaim,
                Uncertainty = verdict?.Probability,
                Explanation = verdict?.Explanation ?? [],
            });
        }
        return new TextAnalysis(sentences);
    }

    // "Andrei Lankov ... told AFP" and later "Lankov said": the second is the first.
    private sealed class People
    {
        private readonly List<Party> _named = [];

        public void Remember(IEnumerable<AttributionEvent> events)
        {
            foreach (var party in events.Select(e => e.Speaker).Where(p => IsPerson(p) && p.Name.Contains(' ')))
                if (!_named.Any(p => p.Name == party.Name)) _named.Add(party);
        }

        public AttributionEvent Resolve(AttributionEvent e) => e with { Speaker = Resolve(e.Speaker) };

        private Party Resolve(Party party)
        {
            if (party.Unnamed || party.Name.Contains(' ')) return party;
            var match = _named.LastOrDefault(p => p.Name.EndsWith(" " + party.Name, StringComparison.Ordinal));
            return match is null ? party : party with { Name = match.Name, Kind = match.Kind };
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

    private static string Statement(string text, TextSpan clause, IReadOnlyList<AttributionEvent> events)
    {
        // "The Kremlin has refused to confirm X": the refusal is the claim, so it stays.
        var removed = events.Where(e => !KeptVerbs.Contains(text.Substring(e.Verb.Start, e.Verb.Length).ToLowerInvariant())).ToList();
        var kept = new System.Text.StringBuilder();
        for (var i = clause.Start; i < clause.End; i++)
        {
            if (removed.Any(e => e.Extent.Contains(i))) { kept.Append(' '); continue; }
            if (text[i] is not ('"' or '“' or '”')) kept.Append(char.IsControl(text[i]) ? ' ' : text[i]);
        }
        var words = kept.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToList();
        // "... told the newspaper at the weekend that Kim ...": drop the lead-in up to "that".
        var that = words.FindIndex(w => w.Trim(',').Equals("that", StringComparison.OrdinalIgnoreCase));
        if (that >= 0 && words.Take(that).All(w => LeadIns.Contains(w.Trim(',')))) words.RemoveRange(0, that + 1);
        var statement = string.Join(' ', words).Replace(" ,", ",").Replace(" .", ".").Trim(' ', ',', ';', ':', '.', '—', '-', '\'', '’');
        statement = RepeatedCommas().Replace(statement, ", ");
        return statement.Length == 0 ? statement : char.ToUpperInvariant(statement[0]) + statement[1..];
    }

    private static bool IsPerson(Party party) => !party.Unnamed && party.Kind is PartyKind.Official or PartyKind.Expert or PartyKind.Other;

    private static List<ChainParty> Complete(List<Party> parties, ArticleContext context)
    {
        var chain = parties.Select((p, i) => new ChainParty(p.Name, p.Mention, p.Span, p.Kind, p.Unnamed,
            i == 0 ? ChainRole.Origin : ChainRole.Relay, FromArticle: false)).ToList();
        string[] wireNames = [context.SyndicatedFrom ?? "", .. context.SyndicatedFromAliases ?? []];
        string[] publisherNames = [context.Publisher ?? "", .. context.PublisherAliases ?? []];
        if (context.SyndicatedFrom is { Length: > 0 } wire && !chain.Any(l => Is(l, wireNames)))
        {
            var before = chain.FindIndex(l => Is(l, publisherNames) && l.Role != ChainRole.Origin);
            chain.Insert(before < 0 ? chain.Count : before,
                new ChainParty(wire, null, null, PartyKind.WireAgency, false, chain.Count == 0 ? ChainRole.Origin : ChainRole.Relay, true));
        }
        if (context.Publisher is { Length: > 0 } publisher && !chain.Any(l => Is(l, publisherNames)))
            chain.Add(new ChainParty(publisher, null, null, PartyKind.Outlet, false, chain.Count == 0 ? ChainRole.Origin : ChainRole.Publisher, true));
        else if (context.Publisher is { Length: > 0 } && chain.Count > 1)
            chain = chain.Select((l, i) => i > 0 && Is(l, publisherNames) ? l with { Role = ChainRole.Publisher } : l).ToList();
        return chain;
    }

    private static bool Is(ChainParty party, string[] names) => names.Any(n => n.Length > 0 && (Same(party.Name, n) || Same(party.Mention, n)));

    private static bool Same(string? a, string? b) => string.Equals(a?.Trim(), b?.Trim(), StringComparison.OrdinalIgnoreCase);

    private static (int First, int Last) TokenRange(List<Token> tokens, TextSpan span, int first, int last)
    {
        var f = first;
        while (f <= last && tokens[f].Start < span.Start) f++;
        var l = f - 1;
        while (l + 1 <= last && tokens[l + 1].End <= span.End) l++;
        return (f, l);
    }

    // Quotation spans inside a sentence: straight double quotes in pairs, and curly “...” pairs.
    private static List<TextSpan> Quotations(string text, TextSpan sentence)
    {
        var quotes = new List<TextSpan>();
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
        return quotes;
    }

    // Splits a sentence where it joins two claims: "; ", ", while ", ", whereas ", ", but " — outside quotations.
    private static IEnumerable<TextSpan> Clauses(string text, TextSpan sentence, List<TextSpan> quotes)
    {
        var start = sentence.Start;
        for (var i = sentence.Start; i < sentence.End; i++)
        {
            if (text[i] is not (',' or ';') || quotes.Any(q => q.Contains(i))) continue;
            var rest = text.AsSpan(i + 1, sentence.End - i - 1);
            var joiner = text[i] == ';' ? 1
                : rest.StartsWith(" while ", StringComparison.Ordinal) ? 7
                : rest.StartsWith(" whereas ", StringComparison.Ordinal) ? 9
                : rest.StartsWith(" but ", StringComparison.Ordinal) ? 5
                : 0;
            if (joiner == 0) continue;
            if (i > start) yield return Trim(text, TextSpan.FromBounds(start, i));
            start = i + 1 + joiner;
            i = start - 1;
        }
        if (sentence.End > start) yield return Trim(text, TextSpan.FromBounds(start, sentence.End));
    }

    private static TextSpan Trim(string text, TextSpan span)
    {
        var (s, e) = (span.Start, span.End);
        while (s < e && char.IsWhiteSpace(text[s])) s++;
        while (e > s && char.IsWhiteSpace(text[e - 1])) e--;
        return TextSpan.FromBounds(s, e);
    }
}
