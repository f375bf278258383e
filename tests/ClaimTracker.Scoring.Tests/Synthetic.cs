namespace ClaimTracker.Scoring.Tests;

public sealed record SyntheticWorld(ScoringInput Input, double[] Accuracy, bool[] Truth);

// Worlds with a known truth: sources of known accuracy (0.55 to 0.95), claims true or false at even odds, each source
// voting on a random share of the claims and affirming a claim when it believes it true, which it gets right with its
// accuracy. Some claims are resolved (their outcome given). Every source speaks for itself, as in a bulk import.
public static class Synthetic
{
    public static SyntheticWorld Generate(int seed, int sources, int claims, double coverage, double resolved)
    {
        var random = new Random(seed);
        var accuracy = Enumerable.Range(0, sources).Select(_ => 0.55 + 0.4 * random.NextDouble()).ToArray();
        var truth = Enumerable.Range(0, claims).Select(_ => random.NextDouble() < 0.5).ToArray();
        var outcomes = truth.Select(t => random.NextDouble() < resolved ? (t ? Outcome.True : Outcome.False) : Outcome.Unknown).ToArray();
        var votes = new List<Vote>();
        var asOf = Build.AsOf;
        for (var c = 0; c < claims; c++)
            for (var s = 0; s < sources; s++)
            {
                if (random.NextDouble() >= coverage) continue;
                var right = random.NextDouble() < accuracy[s];
                votes.Add(new Vote(s, c, s, right ? truth[c] : !truth[c], VoteRole.Origin, float.NaN, asOf, 0, 0));
            }
        var input = new ScoringInput
        {
            SourceCount = sources,
            ClaimOutcomes = outcomes,
            ClaimQuestions = Enumerable.Repeat(-1, claims).ToArray(),
            Votes = [.. votes],
        };
        return new SyntheticWorld(input, accuracy, truth);
    }

    // The same world with `copies` new sources that repeat every vote of `copied`, each in its own name.
    public static ScoringInput WithCopies(ScoringInput input, int copied, int copies)
    {
        var extra = Enumerable.Range(0, copies).SelectMany(k =>
            input.Votes.Where(v => v.Source == copied).Select(v => v with { Source = input.SourceCount + k, Origin = input.SourceCount + k }));
        return new ScoringInput
        {
            SourceCount = input.SourceCount + copies,
            ClaimOutcomes = input.ClaimOutcomes,
            ClaimQuestions = input.ClaimQuestions,
            Votes = [.. input.Votes, .. extra],
            VoteTerms = input.VoteTerms,
            TermNames = input.TermNames,
        };
    }

    // Affirms > denies: true; fewer: false; a tie: no call (counted half right).
    public static double MajorityAccuracy(SyntheticWorld world, IEnumerable<int> claims)
    {
        var balance = new int[world.Truth.Length];
        foreach (var v in world.Input.Votes) balance[v.Claim] += v.Affirms ? 1 : -1;
        var list = claims.ToList();
        return list.Sum(c => balance[c] == 0 ? 0.5 : balance[c] > 0 == world.Truth[c] ? 1 : 0) / (double)list.Count;
    }

    // p >= 0.5: true, below: false; exactly 0.5 (no evidence at all) counted half right, like a tie.
    public static double EstimateAccuracy(SyntheticWorld world, ScoringResult result) =>
        result.Claims.Sum(c => c.Probability == 0.5 ? 0.5 : c.Probability > 0.5 == world.Truth[c.Claim] ? 1 : 0) / (double)result.Claims.Count;
}
