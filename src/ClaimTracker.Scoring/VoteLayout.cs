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

// The votes grouped by claim (a stable counting sort, so votes keep their input order within a claim), as a structure
// of arrays: position i holds vote ByClaim[i], and what the later stages read of it is copied into flat arrays in that
// order, so that a pass over a claim's votes reads a few short runs of memory instead of jumping through the Vote array.
internal sealed class VoteLayout
{
    public int ClaimCount { get; }
    public int[] ClaimStart { get; }        // per claim: its votes are at positions ClaimStart[c] .. ClaimStart[c + 1] - 1
    public int[] ByClaim { get; }           // per position: the vote's index in ScoringInput.Votes
    public int[] Source { get; }
    public int[] Origin { get; }
    public bool[] Affirms { get; }
    public long[] At { get; }
    public double[] RoleWeight { get; }
    public double[] Credit { get; }         // role weight x decay (Scorer)

    public VoteLayout(ScoringInput input, double[] roleWeight, double[] credit, ParallelOptions options)
    {
        var votes = input.Votes;
        ClaimCount = input.ClaimCount;
        ClaimStart = new int[ClaimCount + 1];
        foreach (var vote in votes) ClaimStart[vote.Claim + 1]++;
        for (var c = 0; c < ClaimCount; c++) ClaimStart[c + 1] += ClaimStart[c];
        // Each vote's position (in input order within its claim), then the copies, each vote to its own position.
        var position = new int[votes.Length];
        var next = ClaimStart[..^1];
        for (var v = 0; v < votes.Length; v++) position[v] = next[votes[v].Claim]++;
        ByClaim = new int[votes.Length];
        Source = new int[votes.Length];
        Origin = new int[votes.Length];
        Affirms = new bool[votes.Length];
        At = new long[votes.Length];
        RoleWeight = new double[votes.Length];
        Credit = new double[votes.Length];
        Chunks.For(votes.Length, 65536, options, (from, to) =>
        {
            for (var v = from; v < to; v++)
            {
                var i = position[v];
                ByClaim[i] = v;
                Source[i] = votes[v].Source;
                Origin[i] = votes[v].Origin;
                Affirms[i] = votes[v].Affirms;
                At[i] = votes[v].At;
                RoleWeight[i] = roleWeight[v];
                Credit[i] = credit[v];
            }
        });
    }
}
