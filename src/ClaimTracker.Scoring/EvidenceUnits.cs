namespace ClaimTracker.Scoring;

// The independent pieces of evidence on each claim. Votes on one claim whose origins are the same source, or sources
// of one copy group, and that take the same side, form one unit: twenty outlets repeating one Yonhap report are one
// piece of evidence, not twenty (DOMAIN.md, "Independence"). A unit counts once in the claim's truth estimate:
//  - its reliability is its origin's, or for a copy group the least reliable member's (members say the same things,
//    so they earn nearly the same reliability anyway);
//  - its weight is the largest evidence weight among its votes (role weight, times NonConclusiveWeight for
//    non-conclusive evidence and InterestedWeight for an interested party's), so an origin's own report counts fully
//    while a story known only through a publisher's copy counts as much as that publisher's role allows. Age does not lower it: decay says
//    how little an old outcome tells about a source today, but an old report is still the same evidence on its claim.
// Reliability credit is not affected: every vote in a unit still earns or loses its own source's reliability.
//
// Built in two passes over the claims, each claim on its own (in parallel): the first sorts each claim's votes by
// (copy group, side, origin) and counts its units and origins, the second fills the arrays at offsets known from those
// counts.
internal sealed class EvidenceUnits
{
    public int[] UnitStart { get; }          // per claim: its units are UnitStart[c] .. UnitStart[c + 1] - 1
    public bool[] Affirms { get; }
    public double[] Weight { get; }          // the largest evidence weight among the unit's votes
    public double[] SignedWeight { get; }    // Weight, negative for a denial
    public double[] MaxCredit { get; }       // the largest credit weight (role weight x decay) among the unit's votes
    public int[] VoteCount { get; }
    public int[] OriginStart { get; }        // per unit: its distinct origins are Origins[OriginStart[u] .. OriginStart[u + 1] - 1]
    public int[] Origins { get; }
    public int[] SoleOrigin { get; }         // per unit: its origin when it has one, else -1 (a copy group)

    public int Count => Affirms.Length;

    public EvidenceUnits(VoteLayout layout, int[] copyRoot, ParallelOptions options)
    {
        var claimCount = layout.ClaimCount;
        var claimStart = layout.ClaimStart;
        var placed = layout.Votes;
        // Positions, sorted within each claim.
        var order = new int[placed.Length];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        var keys = new long[order.Length];
        var unitCount = new int[claimCount];
        var originCount = new int[claimCount];

        Chunks.For(claimCount, 4096, options, (from, to) =>
        {
            for (var claim = from; claim < to; claim++)
            {
                int start = claimStart[claim], end = claimStart[claim + 1];
                if (start == end) continue;
                // Sorted by (copy group, side, origin): units are runs of equal (group, side), distinct origins runs within.
                // Equal keys keep their input order (the sort is made stable by the position).
                for (var i = start; i < end; i++)
                    keys[i] = ((copyRoot[placed[i].Origin] * 2L + (placed[i].Affirms ? 1 : 0)) << 31) | (uint)placed[i].Origin;
                if (end - start > 1) SortRun(keys, order, start, end);
                int units = 1, origins = 1;
                for (var i = start + 1; i < end; i++)
                {
                    if (keys[i] >> 31 != keys[i - 1] >> 31) units++;
                    if (keys[i] != keys[i - 1]) origins++;
                }
                unitCount[claim] = units;
                originCount[claim] = origins;
            }
        });

        UnitStart = new int[claimCount + 1];
        var originBase = new int[claimCount + 1];
        for (var c = 0; c < claimCount; c++)
        {
            UnitStart[c + 1] = UnitStart[c] + unitCount[c];
            originBase[c + 1] = originBase[c] + originCount[c];
        }
        var total = UnitStart[claimCount];
        Affirms = new bool[total];
        Weight = new double[total];
        SignedWeight = new double[total];
        MaxCredit = new double[total];
        VoteCount = new int[total];
        OriginStart = new int[total + 1];
        Origins = new int[originBase[claimCount]];
        SoleOrigin = new int[total];
        OriginStart[total] = Origins.Length;

        Chunks.For(claimCount, 4096, options, (from, to) =>
        {
            for (var claim = from; claim < to; claim++)
            {
                int start = claimStart[claim], end = claimStart[claim + 1];
                int u = UnitStart[claim] - 1, o = originBase[claim];
                for (var i = start; i < end; i++)
                {
                    var v = order[i];
                    if (i == start || keys[i] >> 31 != keys[i - 1] >> 31)
                    {
                        u++;
                        Affirms[u] = placed[v].Affirms;
                        OriginStart[u] = o;
                    }
                    if (i == start || keys[i] != keys[i - 1]) Origins[o++] = placed[v].Origin;
                    Weight[u] = Math.Max(Weight[u], placed[v].Weight);
                    MaxCredit[u] = Math.Max(MaxCredit[u], placed[v].Credit);
                    VoteCount[u]++;
                }
                for (u = UnitStart[claim]; u < UnitStart[claim + 1]; u++)
                {
                    SignedWeight[u] = Affirms[u] ? Weight[u] : -Weight[u];
                    // OriginStart[u + 1] of the claim's last unit is the next claim's first: filled by that claim's pass,
                    // so it is read from originBase here rather than from the array.
                    var next = u + 1 < UnitStart[claim + 1] ? OriginStart[u + 1] : originBase[claim + 1];
                    SoleOrigin[u] = next - OriginStart[u] == 1 ? Origins[OriginStart[u]] : -1;
                }
            }
        });
    }

    // Sorts keys[start..end) with order alongside, ties broken by order (the position), so the result is the same
    // whatever the sort's inner workings. Claims hold a handful of votes: insertion sort, with Array.Sort for long runs.
    private static void SortRun(long[] keys, int[] order, int start, int end)
    {
        if (end - start > 32)
        {
            Array.Sort(keys, order, start, end - start);
            // Array.Sort is not stable: restore position order within runs of equal keys.
            for (var i = start; i < end;)
            {
                var j = i + 1;
                while (j < end && keys[j] == keys[i]) j++;
                if (j - i > 1) Array.Sort(order, i, j - i);
                i = j;
            }
            return;
        }
        for (var i = start + 1; i < end; i++)
        {
            long key = keys[i];
            int item = order[i], j = i - 1;
            while (j >= start && (keys[j] > key || (keys[j] == key && order[j] > item)))
            {
                keys[j + 1] = keys[j];
                order[j + 1] = order[j];
                j--;
            }
            keys[j + 1] = key;
            order[j + 1] = item;
        }
    }
}
