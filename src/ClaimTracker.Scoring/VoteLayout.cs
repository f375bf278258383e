namespace ClaimTracker.Scoring;

// Work over [0, count) in fixed chunks, run on up to MaxDegreeOfParallelism threads. Each chunk writes only its own
// items (or its own slot of a per-chunk array), so the results never depend on which thread ran what, or when; the few
// sums over many items are taken afterwards, in index order, on one thread.
internal static class Chunks
{
    public static void For(int count, int size, ParallelOptions options, Action<int, int> body)
    {
        if (count <= 0) return;
        var chunks = (count + size - 1) / size;
        if (chunks == 1 || options.MaxDegreeOfParallelism == 1)
        {
            // The same chunks in order: a sum a chunk keeps for itself must not depend on the number of threads.
            for (var k = 0; k < chunks; k++)
            {
                options.CancellationToken.ThrowIfCancellationRequested();
                body(k * size, (int)Math.Min(count, (k + 1L) * size));
            }
            return;
        }
        Parallel.For(0, chunks, options, k => body(k * size, (int)Math.Min(count, (k + 1L) * size)));
    }

    public static int Count(int count, int size) => (count + size - 1) / size;
}

// What the stages read of each vote, in input order, one array per field, filled in parallel in one pass over the
// votes: the passes that must run in input order on one thread (counting sorts, sums per source) then stream a few
// narrow arrays instead of the whole Vote array.
internal sealed class VoteColumns
{
    public int Count { get; }
    public int[] Claim { get; }
    public int[] Source { get; }
    public bool[] Affirms { get; }
    public double[] RoleWeight { get; }     // the role's weight (origin, relay, publisher)
    public double[] EvidenceWeight { get; } // what the vote weighs in its claim's estimate: role weight x conclusive x interested
    public double[] Credit { get; }         // role weight x 0.5^(age / HalfLifeDays), the weight of its outcome (age: DecayReference)
    public double[] Known { get; }          // its claim's known outcome, NaN when unknown

    public VoteColumns(ScoringInput input, double[] known, ScoringParameters p, long asOf, ParallelOptions options)
    {
        var votes = input.Votes;
        Count = votes.Length;
        Claim = new int[Count];
        Source = new int[Count];
        Affirms = new bool[Count];
        RoleWeight = new double[Count];
        EvidenceWeight = new double[Count];
        Credit = new double[Count];
        Known = new double[Count];
        var reference = DecayReferences.PerSource(input, known, p, asOf);
        Chunks.For(Count, 16384, options, (from, to) =>
        {
            for (var v = from; v < to; v++)
            {
                Claim[v] = votes[v].Claim;
                Source[v] = votes[v].Source;
                Affirms[v] = votes[v].Affirms;
                RoleWeight[v] = votes[v].Role switch
                {
                    VoteRole.Origin => p.OriginWeight,
                    VoteRole.Relay => p.RelayWeight,
                    _ => p.PublisherWeight,
                };
                EvidenceWeight[v] = RoleWeight[v] * (votes[v].Conclusive ? 1 : p.NonConclusiveWeight) * (votes[v].Interested ? p.InterestedWeight : 1);
                Credit[v] = RoleWeight[v] * Decay(votes[v].At, reference[votes[v].Source], p);
                Known[v] = known[votes[v].Claim];
            }
        });
    }

    // 0.5^(age / half-life), as e^(-ln 2 × age / half-life), the age counted from the source's reference (DecayReference).
    private static double Decay(long at, long reference, ScoringParameters p)
    {
        if (at >= reference) return 1;
        var ageDays = (reference - at) / 86_400.0;
        return Math.Exp(-Math.Log(2) * ageDays / p.HalfLifeDays);
    }
}

// The votes grouped by claim (a stable counting sort, so votes keep their input order within a claim): position i of
// Votes holds what the per-claim stages (copy detection, evidence units) read of one vote. One array of small records
// rather than one per field: each vote is written to its position once, one cache line, and each stage reads a
// claim's votes as one run of memory.
internal sealed class VoteLayout
{
    public int ClaimCount { get; }
    public int[] ClaimStart { get; }        // per claim: its votes are at positions ClaimStart[c] .. ClaimStart[c + 1] - 1
    public PlacedVote[] Votes { get; }

    // Weight: the vote's weight in its claim's estimate (VoteColumns.EvidenceWeight).
    public readonly record struct PlacedVote(int Source, int Origin, bool Affirms, long At, double Weight, double Credit);

    public VoteLayout(ScoringInput input, VoteColumns columns, ParallelOptions options)
    {
        var votes = input.Votes;
        var claimOf = columns.Claim;
        ClaimCount = input.ClaimCount;
        ClaimStart = new int[ClaimCount + 1];
        foreach (var claim in claimOf) ClaimStart[claim + 1]++;
        for (var c = 0; c < ClaimCount; c++) ClaimStart[c + 1] += ClaimStart[c];
        // Each vote's position (in input order within its claim), then the copies, each vote to its own position.
        var position = new int[votes.Length];
        var next = ClaimStart[..^1];
        for (var v = 0; v < votes.Length; v++) position[v] = next[claimOf[v]]++;
        Votes = new PlacedVote[votes.Length];
        Chunks.For(votes.Length, 65536, options, (from, to) =>
        {
            for (var v = from; v < to; v++)
                Votes[position[v]] = new PlacedVote(columns.Source[v], votes[v].Origin, columns.Affirms[v], votes[v].At, columns.EvidenceWeight[v], columns.Credit[v]);
        });
    }
}
