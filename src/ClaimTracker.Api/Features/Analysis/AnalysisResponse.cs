using ClaimTracker.Api.Features.Lexicon;
using ClaimTracker.Language;

namespace ClaimTracker.Api.Features.Analysis;

public sealed record AnalysisResponse(
    string Language, int LexiconVersion, AnalysisResponse.Counts Summary, IReadOnlyList<AnalysisResponse.Sentence> Sentences)
{
    public sealed record Counts(int Sentences, int HedgedClaims, int PlainAssertions, int Background);

    // Uncertainty: the model's probability that the sentence is hedged or weasel-worded, null when no model is
    // loaded (then Uncertain means it holds a hedge cue); Explanation: the features that weighed most, with spans.
    public sealed record Sentence(
        int Index, int Start, int Length, string Text, SentenceKind Kind, IReadOnlyList<Clause> Clauses,
        bool Uncertain, double? Uncertainty, IReadOnlyList<Contribution> Explanation);

    public sealed record Contribution(string Feature, double Weight, int? Start, int? Length);

    // A claim-sized part of a sentence, with the statement drafted from it.
    public sealed record Clause(
        int Start, int Length, string Text, SentenceKind Kind, string Statement, IReadOnlyList<Cue> Cues,
        IReadOnlyList<Link> Chain, double? StatedConfidence, string ConfidenceRule);

    public sealed record Cue(
        string Phrase, string Scale, CueCategory Category, double Probability, bool Negated, bool Quoted,
        string MatchedText, int Start, int Length);

    // FromArticle: the article's wire or publisher, added because the text did not name it.
    public sealed record Link(string Name, string? Mention, int? Start, int? Length, PartyKind Kind, bool Unnamed, ChainRole Role, bool FromArticle);

    public static AnalysisResponse From(TextAnalysis analysis, LexiconSnapshot lexicon) => new(
        lexicon.Language,
        lexicon.Version,
        new Counts(
            analysis.Sentences.Count,
            analysis.Sentences.Count(s => s.Kind == SentenceKind.HedgedClaim),
            analysis.Sentences.Count(s => s.Kind == SentenceKind.PlainAssertion),
            analysis.Sentences.Count(s => s.Kind == SentenceKind.Background)),
        analysis.Sentences.Select(s => new Sentence(s.Index, s.Span.Start, s.Span.Length, s.Text, s.Kind, s.Clauses.Select(ToClause).ToList(),
            s.Uncertain, s.Uncertainty, s.Explanation.Select(c => new Contribution(c.Feature, c.Weight, c.Span?.Start, c.Span?.Length)).ToList())).ToList());

    public static Clause ToClause(ClauseAnalysis clause) => new(
        clause.Span.Start, clause.Span.Length, clause.Text, clause.Kind, clause.Statement,
        clause.Cues.Select(c => new Cue(c.Entry.Phrase, c.Entry.Scale, c.Entry.Category, c.Probability, c.Negated, c.Quoted,
            c.MatchedText, c.Start, c.Length)).ToList(),
        clause.Chain.Select(l => new Link(l.Name, l.Mention, l.Span?.Start, l.Span?.Length, l.Kind, l.Unnamed, l.Role, l.FromArticle)).ToList(),
        clause.Confidence.Probability,
        clause.Confidence.Rule);
}
