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
// Pairs are counted per claim, so the cost is the sum over claims of (voters on it)^2. Claims with more than
// CopyMaxVotersPerClaim voters are left out (their pairs would dominate the cost, and on a claim everyone reports,
// agreement says nothing about copying), which bounds the cost at O(votes x that cap).
internal static class CopyDetection
{
    public static int[] Groups(ScoringInput input, VoteLayout layout, ScoringParameters parameters, out int copyGroups, CancellationToken ct)
    {
        var sourceCount = input.SourceCount;
        var root = new int[sourceCount];
        for (var s = 0; s < sourceCount; s++) root[s] = s;
        copyGroups = 0;
        if (sourceCount < 2) return root;

        var votes = input.Votes;
        var claimsOf = new int[sourceCount];
        var pairs = new long[Math.Max(16, votes.Length)];
        var pairCount = 0;
        var voters = new List<(int Source, long At, int Vote)>();
        for (var claim = 0; claim < layout.ClaimCount; claim++)
        {
            if ((claim & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
            voters.Clear();
            for (var i = layout.ClaimStart[claim]; i < layout.ClaimStart[claim + 1]; i++)
            {
                var v = layout.ByClaim[i];
                if (votes[v].Origin == votes[v].Source) voters.Add((votes[v].Source, votes[v].At, v));
            }
            if (voters.Count == 0) continue;
            // Latest stand per source: sort by source, then time, then vote index, and keep the last of each run.
            voters.Sort();
            var distinct = 0;
            for (var i = 0; i < voters.Count; i++)
                if (i == voters.Count - 1 || voters[i + 1].Source != voters[i].Source) voters[distinct++] = voters[i];
            if (distinct > parameters.CopyMaxVotersPerClaim) continue;

            for (var i = 0; i < distinct; i++) claimsOf[voters[i].Source]++;
            if (distinct < 2) continue;
            var needed = pairCount + distinct * (distinct - 1) / 2;
            if (needed > pairs.Length) Array.Resize(ref pairs, Math.Max(needed, pairs.Length * 2));
            for (var i = 0; i < distinct; i++)
                for (var j = i + 1; j < distinct; j++)
                {
                    var agree = votes[voters[i].Vote].Affirms == votes[voters[j].Vote].Affirms ? 1L : 0L;
                    pairs[pairCount++] = (((long)voters[i].Source * sourceCount + voters[j].Source) << 1) | agree;
                }
        }

        ct.ThrowIfCancellationRequested();
        Array.Sort(pairs, 0, pairCount);
        for (var i = 0; i < pairCount;)
        {
            var pair = pairs[i] >> 1;
            int shared = 0, agreed = 0;
            for (; i < pairCount && pairs[i] >> 1 == pair; i++)
            {
                shared++;
                agreed += (int)(pairs[i] & 1);
            }
            var a = (int)(pair / sourceCount);
            var b = (int)(pair % sourceCount);
            // The slack keeps the thresholds inclusive despite rounding (0.95 x 20 is not exactly 19 in binary).
            if (shared >= parameters.CopyMinSharedClaims
                && agreed >= parameters.CopyMinAgreement * shared - 1e-9
                && shared >= parameters.CopyMinCoverage * Math.Min(claimsOf[a], claimsOf[b]) - 1e-9)
                Union(root, a, b);
        }

        var members = new int[sourceCount];
        for (var s = 0; s < sourceCount; s++) members[root[s] = Find(root, s)]++;
        for (var s = 0; s < sourceCount; s++)
            if (members[s] > 1) copyGroups++;
        return root;
    }

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
