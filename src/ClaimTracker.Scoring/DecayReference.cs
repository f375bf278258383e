namespace ClaimTracker.Scoring;

// What an outcome's age is counted from (ScoringParameters.DecayReference; docs/estimation.md):
//  - AsOf: the run's clock. Right for a live feed, where a source's record from three years ago says little about it
//    today; wrong for an archive, where every outcome is old and every source ends up with almost no effective samples
//    (band F) however long its record.
//  - NewestOutcome (the default): the newest vote on a claim with a known outcome in the data (claims excluded by a
//    confirmed answer to their question count as known), or with none, the newest vote. Outcomes then decay against
//    each other: a story from 2023 scored in 2026 keeps its 2023 evidence at full weight, and a source's older record
//    still counts less than its newer one.
//  - SourceNewestOutcome: each source's own newest vote on a claim with a known outcome (or its newest vote): a source
//    that fell silent keeps its record as it stood.
// The reference is never later than AsOf, and a vote dated at or after it counts as new, as before.
public enum DecayReference : byte { AsOf, NewestOutcome, SourceNewestOutcome }

internal static class DecayReferences
{
    // Per source, the time its votes' ages are counted from.
    public static long[] PerSource(ScoringInput input, double[] known, ScoringParameters p, long asOf)
    {
        var references = new long[input.SourceCount];
        if (p.DecayReference == DecayReference.AsOf)
        {
            Array.Fill(references, asOf);
            return references;
        }
        var votes = input.Votes;
        var newestKnown = new long[input.SourceCount];
        var newestAny = new long[input.SourceCount];
        Array.Fill(newestKnown, long.MinValue);
        Array.Fill(newestAny, long.MinValue);
        foreach (var vote in votes)
        {
            newestAny[vote.Source] = Math.Max(newestAny[vote.Source], vote.At);
            if (!double.IsNaN(known[vote.Claim])) newestKnown[vote.Source] = Math.Max(newestKnown[vote.Source], vote.At);
        }
        if (p.DecayReference == DecayReference.SourceNewestOutcome)
        {
            for (var s = 0; s < references.Length; s++)
                references[s] = Math.Min(asOf, newestKnown[s] != long.MinValue ? newestKnown[s] : newestAny[s]);
            return references;
        }
        long allKnown = long.MinValue, all = long.MinValue;
        for (var s = 0; s < references.Length; s++)
        {
            allKnown = Math.Max(allKnown, newestKnown[s]);
            all = Math.Max(all, newestAny[s]);
        }
        Array.Fill(references, Math.Min(asOf, allKnown != long.MinValue ? allKnown : all));
        return references;
    }
}
