namespace ClaimTracker.Scoring;

// What is known of a claim's truth: a fact-checker's resolution, or else conclusive evidence.
public enum Outcome : byte { Unknown, True, False, Partly }

public enum VoteRole : byte { Origin, Relay, Publisher }

// One source's stand on one claim. Sources and claims are dense indexes (0..n-1) chosen by the caller.
//  - Origin: the source at the start of the chain this vote came through; votes on one claim that share an origin are
//    one piece of evidence (twenty outlets repeating one Yonhap report count once). For a source speaking for itself
//    (an imported assertion, or the origin of a report) Origin == Source.
//  - Affirms: true when the source says the claim is true, false when it says it is false.
//  - StatedConfidence: the probability the source's words gave the claim (NaN when none was stated).
//  - At: when it was said, as Unix seconds (for the decay of old outcomes).
//  - TermStart/TermCount: the hedge terms of the words, as a slice of ScoringInput.VoteTerms (indexes into TermNames).
//  - Conclusive: the evidence settles the claim (an official announcement, the event itself on record) rather than
//    merely pointing one way (a denial "refused to confirm", an unnamed official). Non-conclusive evidence weighs
//    NonConclusiveWeight in truth estimates. Reports that only mention a claim never reach the scorer.
//  - Interested: the vote's origin is a party the claim is about, or speaks for one (the Kremlin denying that Russia
//    buys North Korean missiles). It weighs InterestedWeight in truth estimates.
//  Neither flag changes the reliability credit a vote earns (docs/estimation.md): a party's self-serving denial that
//  proves false costs it as much as any other wrong call.
public readonly record struct Vote(
    int Source, int Claim, int Origin, bool Affirms, VoteRole Role, float StatedConfidence, long At, int TermStart, byte TermCount,
    bool Conclusive = true, bool Interested = false);

public sealed class ScoringInput
{
    public required int SourceCount { get; init; }
    public required Outcome[] ClaimOutcomes { get; init; }
    // For each claim its question (index) or -1; claims of one question are mutually exclusive.
    public required int[] ClaimQuestions { get; init; }
    public required Vote[] Votes { get; init; }
    public int[] VoteTerms { get; init; } = [];
    public string[] TermNames { get; init; } = [];

    public int ClaimCount => ClaimOutcomes.Length;
}

public sealed record ScoringParameters
{
    // Beta prior of every source's reliability. Null: fitted to the base rate of correct votes on claims with known
    // outcomes, with the weight of PriorStrength votes (alpha = m * strength, beta = (1 - m) * strength).
    public double? PriorAlpha { get; init; }
    public double? PriorBeta { get; init; }
    public double PriorStrength { get; init; } = 2;
    // An outcome counts half as much after HalfLifeDays, a quarter after twice that, and so on.
    public double HalfLifeDays { get; init; } = 730;
    // How much an outcome counts for each role along a chain: the origin said it, relays and publishers passed it on.
    public double OriginWeight { get; init; } = 1.0;
    public double RelayWeight { get; init; } = 0.5;
    public double PublisherWeight { get; init; } = 0.25;
    // With Extrapolation most runs converge in 10 to 30 iterations; a few sparse worlds, where many sources sit near the
    // edge of BoundedPush's band, take a few hundred (docs/estimation.md). An iteration is one pass over the votes.
    public int MaxIterations { get; init; } = 500;
    // Iterations stop when no claim's truth estimate moves by more than this.
    public double Tolerance { get; init; } = 1e-4;
    // Below this effective number of outcomes a source's band is F: cannot be judged.
    public int MinimumSampleForBand { get; init; } = 3;

    // Lowest posterior mean for bands A to D (E is anything below BandD). Admiralty-style letters: A completely
    // reliable, B usually, C fairly, D not usually, E unreliable, F cannot be judged.
    public double BandA { get; init; } = 0.9;
    public double BandB { get; init; } = 0.75;
    public double BandC { get; init; } = 0.6;
    public double BandD { get; init; } = 0.4;

    // The prior's mean when no claim has a known outcome to fit it to: sources are taken to be right more often than
    // not ("likely" on the ICD 203 scale), with only PriorStrength votes of weight, so a few outcomes override it.
    public double DefaultBaseRate { get; init; } = 0.7;

    // A reliability is held inside [ReliabilityClamp, 1 - ReliabilityClamp] before it becomes a vote's log-odds, and a
    // stated confidence before its log score: no single source may make a claim (or a score) infinitely certain.
    public double ReliabilityClamp { get; init; } = 0.01;

    // Copy detection between sources that speak for themselves (see CopyDetection.cs): a pair is a copy when it shares
    // at least CopyMinSharedClaims claims, agrees on at least CopyMinAgreement of them, and the shared claims are at
    // least CopyMinCoverage of the smaller source's claims. Claims with more than CopyMaxVotersPerClaim voters are
    // left out of the pair count, which keeps it O(votes x that cap).
    public int CopyMinSharedClaims { get; init; } = 5;
    public double CopyMinAgreement { get; init; } = 0.95;
    public double CopyMinCoverage { get; init; } = 0.8;
    public int CopyMaxVotersPerClaim { get; init; } = 50;

    // The most contributions a claim's explanation lists (the strongest pushes first).
    public int MaxExplanation { get; init; } = 5;

    // How many threads a run may use: null (the default) all the machine's cores, 1 a single thread. The results are
    // the same whatever the number: no sum depends on the order threads finish in.
    public int? MaxDegreeOfParallelism { get; init; }

    // How much evidence counts in truth estimates (not in reliability credit), as a factor on its role weight: a
    // non-conclusive report counts half a conclusive one; a report whose origin is a party the claim is about counts a
    // fifth (so two non-conclusive denials by the accused weigh 0.1 each). Why these figures: docs/estimation.md.
    public double NonConclusiveWeight { get; init; } = 0.5;
    public double InterestedWeight { get; init; } = 0.2;

    // What an outcome's age (for HalfLifeDays) is counted from: NewestOutcome, the newest outcome in the data, so that
    // scoring an archive years later does not age every source to band F (DecayReference.cs).
    public DecayReference DecayReference { get; init; } = DecayReference.NewestOutcome;

    // A vote pushes against its own side (an affirmation from a source less reliable than claims are true) only as far
    // as this quantile of its source's reliability allows: the top of the 95% interval. 0 removes the bound (BoundedPush.cs).
    public double PushBoundQuantile { get; init; } = 0.975;
}

public sealed record CalibrationRow(string Kind, string Key, double Stated, double Observed, int Count);

public enum Band : byte { A, B, C, D, E, F }

// Mean, Lower, Upper, Alpha, Beta, EffectiveSamples: the reliability, right votes over all votes (a Beta posterior); it
// is what a vote of this source weighs in a claim's estimate, on either side (docs/scoring.md, step 4).
// AffirmPrecision, DenyPrecision: the two sides apart, from resolved claims only: how often the claims this source
// affirmed proved true, and those it denied proved false (Beta posterior means with a prior of PriorStrength votes at
// the reliability, so a side with no resolved votes shows the reliability); AffirmSamples and DenySamples: the weighted
// resolved votes behind each. For reading only: a source right when it affirms and wrong when it denies shows here.
public sealed record SourceScore(
    int Source, double Mean, double Lower, double Upper, double Alpha, double Beta, double EffectiveSamples,
    double? Brier, double? LogScore, int ScoredReports, Band Band, IReadOnlyList<CalibrationRow> Calibration)
{
    public double AffirmPrecision { get; init; }
    public double DenyPrecision { get; init; }
    public double AffirmSamples { get; init; }
    public double DenySamples { get; init; }
}

// Push: the log-odds this source added to the claim (positive toward true): weight x (logit(CountedReliability) -
// logit(π)) if it affirms, -weight x (logit(CountedReliability) - logit(1 - π)) if it denies, π the result's BaseRate
// (docs/scoring.md, step 4).
// Reliability: the source's (for a copy group, its least reliable member's) that the estimate was computed with.
// CountedReliability: what the push counted it as: Reliability, or when that is below the vote's neutral point (π for
// an affirmation, 1 - π for a denial) the point of [Reliability, top of its 95% interval] nearest that point, so that a
// source whose interval holds the neutral point (one with no record) pushes nothing (BoundedPush.cs).
// Weight: the unit's evidence weight (role weight x NonConclusiveWeight x InterestedWeight, as they apply).
// CountedWithOthers: its vote shared an origin (or a copy group) with others and was counted once with them.
// Source is the origin that speaks for the group (the lowest-numbered origin of a copy group); Votes is how many votes
// the group holds.
public sealed record Contribution(int Source, bool Affirms, double Weight, double Reliability, double Push, bool CountedWithOthers)
{
    public int Votes { get; init; } = 1;
    public double CountedReliability { get; init; }
}

// PriorLogOdds: where the claim's log-odds start before any vote: logit(BaseRate) for a claim alone, 0 for an answer to a
// question (its answers start level with each other and with "none of these"). With every push listed, Probability is
// sigmoid(PriorLogOdds + the sum of the pushes) for a claim alone, and the softmax of those sums over a question.
public sealed record ClaimEstimate(int Claim, double Probability, double AffirmWeight, double DenyWeight, IReadOnlyList<Contribution> Explanation)
{
    public double PriorLogOdds { get; init; }
}

// BaseRate: the share of claims that are true (known outcomes and estimates), that the estimates were computed with.
// Claims: read out as records when read (each read builds new ones, equal to the last).
// Iterations, Converged, LastChange: Converged is true only when an ordinary step moved no estimate more than Tolerance
// (Extrapolation.cs); a run that stops at MaxIterations says false, and its estimates are the last computed.
// Ties: exact ties among the unresolved answers of each question (Ties.cs).
public sealed record ScoringResult(
    IReadOnlyList<SourceScore> Sources, IReadOnlyList<ClaimEstimate> Claims, int Iterations, bool Converged, double LastChange,
    double PriorAlpha, double PriorBeta, int CopyGroups)
{
    public double BaseRate { get; init; } = 0.5;
    public IReadOnlyList<Tie> Ties { get; init; } = [];
}

// Claims (two or more, ascending) of one question whose estimates are all exactly Probability; Top: no unresolved answer
// of the question has a higher estimate.
public sealed record Tie(int Question, double Probability, IReadOnlyList<int> Claims, bool Top);

public readonly record struct ScoringProgress(string Stage, long Done, long Total);
