namespace ClaimTracker.Scoring;

// Exact ties among the answers to a question. Truth discovery on benchmark-like data ties often (two answers each
// backed by one source of the same record, or several answers nobody backed), and a ranking that hides a tie picks a
// winner by claim number. So the result lists, per question, every group of two or more of its unresolved claims whose
// estimates are exactly equal (the same double, as ScoringResult.Claims reports them), at any rank; Top marks the group
// that holds the question's highest estimate, the one that decides its answer. Claims outside questions are not
// compared: they do not compete. Resolved claims have no estimate and take no part.
//
// Sorted by question, then estimate (highest first); claims within a group in ascending order.
internal static class Ties
{
    public static IReadOnlyList<Tie> Find(int[] open, double[] probability, int[] claimQuestions)
    {
        var answers = open.Where(c => claimQuestions[c] >= 0).ToArray();
        Array.Sort(answers, (x, y) =>
        {
            var byQuestion = claimQuestions[x].CompareTo(claimQuestions[y]);
            if (byQuestion != 0) return byQuestion;
            var byEstimate = probability[y].CompareTo(probability[x]);
            return byEstimate != 0 ? byEstimate : x.CompareTo(y);
        });
        var ties = new List<Tie>();
        for (var i = 0; i < answers.Length;)
        {
            var j = i + 1;
            while (j < answers.Length && claimQuestions[answers[j]] == claimQuestions[answers[i]] && probability[answers[j]] == probability[answers[i]]) j++;
            if (j - i > 1)
            {
                var top = i == 0 || claimQuestions[answers[i - 1]] != claimQuestions[answers[i]];
                ties.Add(new Tie(claimQuestions[answers[i]], probability[answers[i]], answers[i..j], top));
            }
            i = j;
        }
        return ties;
    }
}
