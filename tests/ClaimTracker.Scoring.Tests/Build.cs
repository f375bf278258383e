namespace ClaimTracker.Scoring.Tests;

// Small hand-made inputs: Build.Input(sources, outcomes, votes) with Build.Vote(...) for each vote.
internal static class Build
{
    public static readonly long AsOf = new DateTimeOffset(2023, 9, 13, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
    public static readonly ScoringParameters Parameters = new();
    public const long Day = 86_400;

    public static Vote Vote(int source, int claim, bool affirms = true, VoteRole role = VoteRole.Origin, int origin = -1,
        float stated = float.NaN, long? at = null) =>
        new(source, claim, origin < 0 ? source : origin, affirms, role, stated, at ?? AsOf, 0, 0);

    public static ScoringInput Input(int sources, Outcome[] outcomes, IEnumerable<Vote> votes, int[]? questions = null) => new()
    {
        SourceCount = sources,
        ClaimOutcomes = outcomes,
        ClaimQuestions = questions ?? Enumerable.Repeat(-1, outcomes.Length).ToArray(),
        Votes = votes.ToArray(),
    };

    public static Outcome[] Unknown(int claims) => new Outcome[claims];

    public static ScoringResult Score(ScoringInput input, ScoringParameters? parameters = null) =>
        Scorer.Score(input, parameters ?? Parameters, AsOf);

    public static double Estimate(this ScoringResult result, int claim) => result.Claims.Single(c => c.Claim == claim).Probability;
}
