using System.Diagnostics.CodeAnalysis;

namespace ClaimTracker.Scoring;

// Bad input is a caller's bug (indexes are chosen by the caller, parameters come from checked configuration), so it
// throws ArgumentException naming what is wrong rather than producing scores from garbage.
public static class ScoringValidation
{
    internal static void Validate(ScoringInput input, ScoringParameters p, ParallelOptions options)
    {
        Require(input.SourceCount >= 0, "SourceCount must not be negative.");
        Require(input.ClaimOutcomes is not null && input.ClaimQuestions is not null && input.Votes is not null
            && input.VoteTerms is not null && input.TermNames is not null, "Every array of the input must be set.");
        Require(input.ClaimQuestions!.Length == input.ClaimCount, "ClaimQuestions must have one entry per claim.");
        // The per-item checks build their message only on failure: a million votes must not cost a million strings.
        for (var c = 0; c < input.ClaimCount; c++)
        {
            if (input.ClaimOutcomes![c] > Outcome.Partly) Fail($"Claim {c} has an unknown outcome {(byte)input.ClaimOutcomes[c]}.");
            if (input.ClaimQuestions[c] < -1) Fail($"Claim {c} has question {input.ClaimQuestions[c]}; use -1 for none.");
        }
        foreach (var term in input.VoteTerms!)
            if (term < 0 || term >= input.TermNames!.Length) Fail($"Vote term {term} is not an index into TermNames.");
        // The votes are checked in parallel chunks; a chunk with a bad vote is checked again on this thread to name the
        // first one, so the message is the same however the chunks ran.
        var votes = input.Votes!;
        var bad = new bool[Chunks.Count(votes.Length, VotesPerChunk)];
        Chunks.For(votes.Length, VotesPerChunk, options, (from, to) =>
        {
            for (var v = from; v < to && !bad[from / VotesPerChunk]; v++) bad[from / VotesPerChunk] = !IsValid(input, votes[v]);
        });
        var firstBad = Array.IndexOf(bad, true);
        if (firstBad >= 0)
            for (var v = firstBad * VotesPerChunk; v < votes.Length; v++)
            {
                var vote = votes[v];
                if (vote.Source < 0 || vote.Source >= input.SourceCount) Fail($"Vote {v} names source {vote.Source} of {input.SourceCount}.");
                if (vote.Origin < 0 || vote.Origin >= input.SourceCount) Fail($"Vote {v} names origin {vote.Origin} of {input.SourceCount}.");
                if (vote.Claim < 0 || vote.Claim >= input.ClaimCount) Fail($"Vote {v} names claim {vote.Claim} of {input.ClaimCount}.");
                if (vote.Role > VoteRole.Publisher) Fail($"Vote {v} has an unknown role {(byte)vote.Role}.");
                if (!float.IsNaN(vote.StatedConfidence) && vote.StatedConfidence is not (>= 0 and <= 1))
                    Fail($"Vote {v} states confidence {vote.StatedConfidence}; it must be a probability in [0, 1] or NaN for none.");
                if (vote.TermStart < 0 || (long)vote.TermStart + vote.TermCount > input.VoteTerms.Length)
                    Fail($"Vote {v} has terms {vote.TermStart}+{vote.TermCount} outside VoteTerms.");
            }

        if (ParameterErrors(p) is [var first, ..]) Fail(first);
    }

    // Every rule the parameters must follow, as messages: the scorer throws on the first, the host refuses to start
    // on any (and names them all).
    public static IReadOnlyList<string> ParameterErrors(ScoringParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var errors = new List<string>();
        void Require(bool condition, string message)
        {
            if (!condition) errors.Add(message);
        }

        Require(p.PriorAlpha.HasValue == p.PriorBeta.HasValue, "PriorAlpha and PriorBeta are given together or not at all.");
        Require(p.PriorAlpha is null or > 0 and < double.PositiveInfinity, "PriorAlpha must be positive.");
        Require(p.PriorBeta is null or > 0 and < double.PositiveInfinity, "PriorBeta must be positive.");
        Require(p.PriorStrength is > 0 and < double.PositiveInfinity, "PriorStrength must be positive.");
        Require(p.HalfLifeDays > 0, "HalfLifeDays must be positive (infinity: no decay).");
        Require(Weight(p.OriginWeight) && Weight(p.RelayWeight) && Weight(p.PublisherWeight), "Role weights must be finite and not negative.");
        Require(p.MaxIterations >= 1, "MaxIterations must be at least 1.");
        Require(p.Tolerance >= 0, "Tolerance must not be negative.");
        Require(p.MinimumSampleForBand >= 0, "MinimumSampleForBand must not be negative.");
        Require(p.BandA >= p.BandB && p.BandB >= p.BandC && p.BandC >= p.BandD && p.BandD >= 0 && p.BandA <= 1,
            "Band thresholds must fall from BandA to BandD within [0, 1].");
        Require(p.DefaultBaseRate is > 0 and < 1, "DefaultBaseRate must be inside (0, 1).");
        Require(p.ReliabilityClamp is > 0 and < 0.5, "ReliabilityClamp must be inside (0, 0.5).");
        Require(p.CopyMinSharedClaims >= 1, "CopyMinSharedClaims must be at least 1.");
        Require(p.CopyMinAgreement >= 0 && p.CopyMinCoverage >= 0,
            "Copy thresholds must not be negative (above 1 turns copy detection off).");
        Require(p.CopyMaxVotersPerClaim >= 2, "CopyMaxVotersPerClaim must be at least 2.");
        Require(p.MaxExplanation >= 0, "MaxExplanation must not be negative.");
        Require(p.NonConclusiveWeight is >= 0 and <= 1 && p.InterestedWeight is >= 0 and <= 1,
            "NonConclusiveWeight and InterestedWeight must be inside [0, 1].");
        Require(p.PushBoundQuantile is >= 0 and < 1, "PushBoundQuantile must be inside [0, 1).");
        Require(Enum.IsDefined(p.DecayReference), "DecayReference is not one of AsOf, NewestOutcome, SourceNewestOutcome.");
        Require(p.MaxDegreeOfParallelism is null or >= 1, ParallelismRule);
        return errors;
    }

    private const int VotesPerChunk = 65536;

    private static bool IsValid(ScoringInput input, in Vote vote) =>
        vote.Source >= 0 && vote.Source < input.SourceCount
        && vote.Origin >= 0 && vote.Origin < input.SourceCount
        && vote.Claim >= 0 && vote.Claim < input.ClaimCount
        && vote.Role <= VoteRole.Publisher
        && (float.IsNaN(vote.StatedConfidence) || vote.StatedConfidence is >= 0 and <= 1)
        && vote.TermStart >= 0 && (long)vote.TermStart + vote.TermCount <= input.VoteTerms.Length;

    private const string ParallelismRule = "MaxDegreeOfParallelism must be empty (all cores) or at least 1.";

    // Checked before anything else: the scorer's ParallelOptions would throw on a bad value with a message of its own.
    internal static void ValidateParallelism(ScoringParameters p) => Require(p.MaxDegreeOfParallelism is null or >= 1, ParallelismRule);

    private static bool Weight(double w) => w >= 0 && double.IsFinite(w);

    private static void Require(bool condition, string message)
    {
        if (!condition) Fail(message);
    }

    [DoesNotReturn]
    private static void Fail(string message) => throw new ArgumentException(message);
}
