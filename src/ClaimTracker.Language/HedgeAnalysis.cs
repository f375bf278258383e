namespace ClaimTracker.Language;

public enum CueOrigin { Quote, HedgeWords }

public sealed record Cue(CueMatch Match, CueOrigin FoundIn);

public sealed record StatedConfidence(double? Probability, string Rule);

public sealed record HedgeAnalysis(
    IReadOnlyList<Cue> Cues,
    IReadOnlyList<string> UnmatchedHedgeWords,
    StatedConfidence Confidence)
{
    public const string RuleNone = "no cue: the quote has no hedge word the lexicon knows";
    public const string RuleEstimative = "estimative: the most decisive estimative cue";
    public const string RuleEvidential = "evidential: mean prior of the evidential and attribution cues";
    public const string RuleBoth = "estimative+evidential: midpoint of the most decisive estimative cue and the mean evidential prior";
    public const string RulePeacockOnly = "peacock only: praise flags vagueness and states no likelihood";

    // Finds the cues in a quote plus the hedge words a caller named, and derives one stated probability.
    //  - Estimative words ("likely", "almost certain") state a likelihood, so the most decisive of them
    //    (furthest from 0.5) sets the level.
    //  - Evidential and attribution words ("appears", "reportedly", "according to") have only priors;
    //    alone they give their mean, next to an estimative word they pull the level halfway toward it.
    //  - Weasel attributions ("some say", "is widely considered") count with the evidential cues: an unnamed
    //    holder is a mild lean toward the claim, like "reportedly", with a wide band.
    //  - Peacock praise ("legendary", "the finest") is left out: the writer is not less sure of "a legendary
    //    castle", only less precise, and a number for it would be invented.
    //  - Negation ("not expected") mirrors a cue's probability before any of this.
    public static HedgeAnalysis Analyze(HedgeMatcher matcher, string quote, IEnumerable<string>? hedgeWords = null)
    {
        var cues = matcher.Match(quote).Select(m => new Cue(m, CueOrigin.Quote)).ToList();
        var unmatched = new List<string>();
        foreach (var word in hedgeWords ?? [])
        {
            var found = matcher.Match(word);
            if (found.Count == 0) { unmatched.Add(word); continue; }
            // A word the quote already holds is read in the quote's context ("not expected" stays negated).
            foreach (var match in found)
                if (!cues.Any(c => c.Match.Entry == match.Entry))
                    cues.Add(new Cue(match, CueOrigin.HedgeWords));
        }
        return new HedgeAnalysis(cues, unmatched, Combine(cues.Select(c => c.Match).ToList()));
    }

    // Runs for every clause, so it counts in place rather than through LINQ.
    public static StatedConfidence Combine(IReadOnlyList<CueMatch> all)
    {
        // The most decisive estimative cue (the first of equals), and the sum of the others' probabilities.
        double? estimative = null;
        var evidentialSum = 0.0;
        var evidentialCount = 0;
        for (var i = 0; i < all.Count; i++)
        {
            var cue = all[i];
            if (cue.Entry.Category == CueCategory.Peacock) continue;
            var p = cue.Probability;
            if (cue.Entry.Category != CueCategory.Estimative)
            {
                evidentialSum += p;
                evidentialCount++;
            }
            else if (estimative is not { } best || Math.Abs(p - 0.5) > Math.Abs(best - 0.5)) estimative = p;
        }

        return (estimative, evidentialCount) switch
        {
            (null, 0) => all.Count > 0 ? PeacockOnly : NoCue,
            ({ } e, 0) => new StatedConfidence(Round(e), RuleEstimative),
            (null, _) => new StatedConfidence(Round(evidentialSum / evidentialCount), RuleEvidential),
            ({ } e, _) => new StatedConfidence(Round((e + evidentialSum / evidentialCount) / 2), RuleBoth),
        };
    }

    private static readonly StatedConfidence NoCue = new(null, RuleNone);
    private static readonly StatedConfidence PeacockOnly = new(null, RulePeacockOnly);

    private static double Round(double p) => Math.Round(p, 4);
}
