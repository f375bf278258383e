namespace ClaimTracker.Scoring;

// Finds sources that copy each other without saying so. Attribution chains make most copying explicit (a relay names
// its origin, and votes that share an origin already count once), but imported assertions have no chains: every source
// is its own origin, and a site that republishes another's listings looks like an independent witness. AccuVote (Dong,
// Berti-Equille, Srivastava, "Integrating conflicting data: the role of source dependence", VLDB 2009) shows that
// counting such copies as independent lets a copied error outvote the truth.
//
// AccuVote decides copying with a Bayesian test that needs the truth; here a simpler, truth-free rule is enough for the
// case that matters (a source repeating another's stands wholesale):
//  - only votes where a source speaks for itself (Origin == Source) are compared: a relay's agreement with its origin
//    is already known and already counted once;
//  - a source's stand on a claim is its latest such vote;
//  - two sources are copies when they share at least CopyMinSharedClaims claims (fewer cannot tell copying from
//    chance), agree on at least CopyMinAgreement of them (two independent sources that are each right 95% of the time
//    agree on only about 90%), and the shared claims make up at least CopyMinCoverage of the smaller source's claims (a
//    copier takes most of what it publishes from the other; two large independent sources overlapping on a few claims
//    are not copies);
//  - copies are closed transitively (union-find), and each group is named by its lowest source index.
// Two honest sources that are both nearly always right and cover the same claims can pass this rule; counting them once
// costs some evidence but never lets either outvote the other, so the rule errs on the safe side.
//
// The cost is the sum over claims of (voters on it)^2. Claims with more than CopyMaxVotersPerClaim voters are left out
// (their pairs would dominate the cost, and on a claim everyone reports, agreement says nothing about copying), which
// bounds it at O(votes x that cap). The pairs are counted without sorting them: each source in turn adds up, in a
// scratch array indexed by the other source, what it shares with every higher-numbered source (the way a sparse
// matrix product is formed row by row), so sources are handled in parallel and the counts are exact integers.
internal static class CopyDetection
{
    public static int[] Groups(int sourceCount, VoteLayout layout, ScoringParameters parameters, ParallelOptions options, out int copyGroups)
    {
        var root = new int[sourceCount];
        for (var s = 0; s < sourceCount; s++) root[s] = s;
        copyGroups = 0;
        if (sourceCount < 2) return root;

        var claimStart = layout.ClaimStart;
        var placed = layout.Votes;
        var cap = parameters.CopyMaxVotersPerClaim;

        // Each claim's stands, one per source speaking for itself, sorted by source, in the claim's own slice of the vote
        // positions (a claim has at least as many votes as stands). A stand is (source << 1) | 1 if it affirms, | 0 if it
        // denies: one array, so that reading a claim's stands touches one run of memory.
        var stands = new uint[placed.Length];
        var standCount = new int[layout.ClaimCount];
        Chunks.For(layout.ClaimCount, 4096, options, (from, to) =>
        {
            var buffer = new int[16];
            for (var claim = from; claim < to; claim++)
            {
                int start = claimStart[claim], end = claimStart[claim + 1], n = 0;
                for (var i = start; i < end; i++)
                {
                    if (placed[i].Origin != placed[i].Source) continue;
                    if (n == buffer.Length) Array.Resize(ref buffer, 2 * n);
                    buffer[n++] = i;
                }
                if (n == 0) continue;
                // Latest stand per source: by source, then time, then input order; the last of each run of a source.
                SortByStand(layout, buffer, n);
                var distinct = 0;
                for (var i = 0; i < n; i++)
                {
                    if (i < n - 1 && placed[buffer[i + 1]].Source == placed[buffer[i]].Source) continue;
                    if (distinct < cap) // more than the cap: the claim is left out below
                        stands[start + distinct] = ((uint)placed[buffer[i]].Source << 1) | (placed[buffer[i]].Affirms ? 1u : 0u);
                    distinct++;
                }
                standCount[claim] = distinct > cap ? 0 : distinct;
            }
        });

        // Per source its stands, as positions in those slices (claims in increasing order), and how many claims it has.
        var claimsOf = new int[sourceCount];
        for (var claim = 0; claim < layout.ClaimCount; claim++)
            for (var k = 0; k < standCount[claim]; k++) claimsOf[stands[claimStart[claim] + k] >> 1]++;
        var sourceStart = new int[sourceCount + 1];
        for (var s = 0; s < sourceCount; s++) sourceStart[s + 1] = sourceStart[s] + claimsOf[s];
        var slots = new int[sourceStart[sourceCount]];
        var slotEnd = new int[slots.Length];
        var next = sourceStart[..^1];
        for (var claim = 0; claim < layout.ClaimCount; claim++)
        {
            int start = claimStart[claim], end = start + standCount[claim];
            for (var j = start; j < end; j++)
            {
                var at = next[stands[j] >> 1]++;
                slots[at] = j;
                slotEnd[at] = end;
            }
        }

        const int SourcesPerChunk = 256;
        var chunkCount = Chunks.Count(sourceCount, SourcesPerChunk);
        var copies = new List<(int, int)>?[chunkCount];
        Parallel.For(0, chunkCount, options, () => new PairCounts(sourceCount), (chunk, _, scratch) =>
        {
            var last = Math.Min(sourceCount, (chunk + 1) * SourcesPerChunk);
            for (var a = chunk * SourcesPerChunk; a < last; a++)
            {
                for (var i = sourceStart[a]; i < sourceStart[a + 1]; i++)
                {
                    var j = slots[i];
                    var side = stands[j] & 1;
                    // The claim's stands are sorted by source: those after a's are the higher-numbered sources.
                    for (var k = j + 1; k < slotEnd[i]; k++)
                    {
                        var b = (int)(stands[k] >> 1);
                        if (scratch.Shared[b]++ == 0) scratch.Touched.Add(b);
                        if ((stands[k] & 1) == side) scratch.Agreed[b]++;
                    }
                }
                foreach (var b in scratch.Touched)
                {
                    int shared = scratch.Shared[b], agreed = scratch.Agreed[b];
                    scratch.Shared[b] = scratch.Agreed[b] = 0;
                    // The slack keeps the thresholds inclusive despite rounding (0.95 x 20 is not exactly 19 in binary).
                    if (shared >= parameters.CopyMinSharedClaims
                        && agreed >= parameters.CopyMinAgreement * shared - 1e-9
                        && shared >= parameters.CopyMinCoverage * Math.Min(claimsOf[a], claimsOf[b]) - 1e-9)
                        (copies[chunk] ??= []).Add((a, b));
                }
                scratch.Touched.Clear();
            }
            return scratch;
        }, _ => { });

        // Union-find gives the same groups, each rooted at its lowest index, whatever order the pairs are joined in.
        foreach (var found in copies)
            if (found is not null)
                foreach (var (a, b) in found) Union(root, a, b);
        var members = new int[sourceCount];
        for (var s = 0; s < sourceCount; s++) members[root[s] = Find(root, s)]++;
        for (var s = 0; s < sourceCount; s++)
            if (members[s] > 1) copyGroups++;
        return root;
    }

    private sealed class PairCounts(int sources)
    {
        public readonly int[] Shared = new int[sources];
        public readonly int[] Agreed = new int[sources];
        public readonly List<int> Touched = [];
    }

    // Positions by (source, time, position; positions follow input order within a claim): insertion sort for the few
    // voters most claims have.
    private static void SortByStand(VoteLayout layout, int[] buffer, int n)
    {
        if (n > 32)
        {
            Array.Sort(buffer, 0, n, Comparer<int>.Create((x, y) => After(layout, x, y) ? 1 : After(layout, y, x) ? -1 : 0));
            return;
        }
        for (var i = 1; i < n; i++)
        {
            var item = buffer[i];
            var j = i - 1;
            while (j >= 0 && After(layout, buffer[j], item))
            {
                buffer[j + 1] = buffer[j];
                j--;
            }
            buffer[j + 1] = item;
        }
    }

    private static bool After(VoteLayout layout, int x, int y) =>
        layout.Votes[x].Source != layout.Votes[y].Source ? layout.Votes[x].Source > layout.Votes[y].Source
        : layout.Votes[x].At != layout.Votes[y].At ? layout.Votes[x].At > layout.Votes[y].At
        : x > y;

    private static int Find(int[] parent, int s)
    {
        while (parent[s] != s) s = parent[s] = parent[parent[s]];
        return s;
    }

    // The lower index becomes the root, so groups do not depend on the order pairs are found in.
    private static void Union(int[] parent, int a, int b)
    {
        a = Find(parent, a);
        b = Find(parent, b);
        if (a < b) parent[b] = a;
        else if (b < a) parent[a] = b;
    }
}
