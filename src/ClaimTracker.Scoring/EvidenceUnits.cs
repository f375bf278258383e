namespace ClaimTracker.Scoring;

// The votes grouped by claim (a stable counting sort, so votes keep their input order within a claim).
internal sealed class VoteLayout
{
    public int ClaimCount { get; }
    public int[] ClaimStart { get; }
    public int[] ByClaim { get; }

    public VoteLayout(ScoringInput input)
    {
        ClaimCount = input.ClaimCount;
        ClaimStart = new int[ClaimCount + 1];
        foreach (var vote in input.Votes) ClaimStart[vote.Claim + 1]++;
        for (var c = 0; c < ClaimCount; c++) ClaimStart[c + 1] += ClaimStart[c];
        ByClaim = new int[input.Votes.Length];
        var next = ClaimStart[..^1];
        for (var v = 0; v < input.Votes.Length; v++) ByClaim[next[input.Votes[v].Claim]++] = v;
    }
}

// The independent pieces of evidence on each claim. Votes on one claim whose origins are the same source, or sources
// of one copy group, and that take the same side, form one unit: twenty outlets repeating one Yonhap report are one
// piece of evidence, not twenty (DOMAIN.md, "Independence"). A unit counts once in the claim's truth estimate:
//  - its reliability is its origin's, or for a copy group the least reliable member's (members say the same things,
//    so they earn nearly the same reliability anyway);
//  - its weight is the largest role weight among its votes, so an origin's own report counts fully while a story known
//    only through a publisher's copy counts as much as that publisher's role allows. Age does not lower it: decay says
//    how little an old outcome tells about a source today, but an old report is still the same evidence on its claim.
// Reliability credit is not affected: every vote in a unit still earns or loses its own source's reliability.
internal sealed class EvidenceUnits
{
    public int[] UnitStart { get; }          // per claim: its units are UnitStart[c] .. UnitStart[c + 1] - 1
    public bool[] Affirms { get; }
    public double[] Weight { get; }
    public int[] VoteCount { get; }
    public int[] OriginStart { get; }        // per unit: its distinct origins are Origins[OriginStart[u] .. OriginStart[u + 1] - 1]
    public int[] Origins { get; }
    public int[] UnitOfVote { get; }
    public int[] SoleOrigin { get; }         // per unit: its origin when it has one, else -1

    public int Count => Affirms.Length;

    public EvidenceUnits(ScoringInput input, VoteLayout layout, int[] copyRoot, double[] roleWeight, CancellationToken ct)
    {
        var votes = input.Votes;
        var order = (int[])layout.ByClaim.Clone();
        var keys = new long[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            var vote = votes[order[i]];
            // Sorted by (copy group, side, origin): units are runs of equal (group, side), distinct origins runs within.
            keys[i] = ((copyRoot[vote.Origin] * 2L + (vote.Affirms ? 1 : 0)) << 31) | (uint)vote.Origin;
        }

        UnitStart = new int[layout.ClaimCount + 1];
        var affirms = new List<bool>();
        var weight = new List<double>();
        var voteCount = new List<int>();
        var originStart = new List<int>();
        var origins = new List<int>();
        UnitOfVote = new int[votes.Length];
        for (var claim = 0; claim < layout.ClaimCount; claim++)
        {
            if ((claim & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
            int start = layout.ClaimStart[claim], end = layout.ClaimStart[claim + 1];
            if (end - start > 1) Array.Sort(keys, order, start, end - start);
            UnitStart[claim] = affirms.Count;
            for (var i = start; i < end; i++)
            {
                var vote = votes[order[i]];
                var newUnit = i == start || keys[i] >> 31 != keys[i - 1] >> 31;
                if (newUnit)
                {
                    affirms.Add(vote.Affirms);
                    weight.Add(0);
                    voteCount.Add(0);
                    originStart.Add(origins.Count);
                }
                if (newUnit || keys[i] != keys[i - 1]) origins.Add(vote.Origin);
                var u = affirms.Count - 1;
                weight[u] = Math.Max(weight[u], roleWeight[order[i]]);
                voteCount[u]++;
                UnitOfVote[order[i]] = u;
            }
        }
        UnitStart[layout.ClaimCount] = affirms.Count;
        originStart.Add(origins.Count);

        Affirms = [.. affirms];
        Weight = [.. weight];
        VoteCount = [.. voteCount];
        OriginStart = [.. originStart];
        Origins = [.. origins];
        SoleOrigin = new int[Count];
        for (var u = 0; u < Count; u++) SoleOrigin[u] = OriginStart[u + 1] - OriginStart[u] == 1 ? Origins[OriginStart[u]] : -1;
    }
}
