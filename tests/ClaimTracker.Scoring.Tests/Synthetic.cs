namespace ClaimTracker.Scoring.Tests;

public sealed record SyntheticWorld(ScoringInput Input, double[] Accuracy, bool[] Truth);


// Worlds with a known truth: sources of known accuracy (0.55 to 0.95), claims true or false at even odds, each source
// voting on a random share of the claims and affirming a claim when it believes it true, which it gets right with its
// accuracy. Some claims are resolved (their outcome given). Every source speaks for itself, as in a bulk import.
public static class Synthetic
{
    public static SyntheticWorld Generate(int seed, int sources, int claims, double coverage, double resolved)
    {
        var random = new Random(seed);
        var accuracy = Enumerable.Range(0, sources).Select(_ => 0.55 + 0.4 * random.NextDouble()).ToArray();
        var truth = Enumerable.Range(0, claims).Select(_ => random.NextDouble() < 0.5).ToArray();
        var outcomes = truth.Select(t => random.NextDouble() < resolved ? (t ? Outcome.True : Outcome.False) : Outcome.Unknown).ToArray();
        var votes = new List<Vote>();
        var asOf = Build.AsOf;
        for (var c = 0; c < claims; c++)
            for (var s = 0; s < sources; s++)
            {
                if (random.NextDouble() >= coverage) continue;
                var right = random.NextDouble() < accuracy[s];
                votes.Add(new Vote(s, c, s, right ? truth[c] : !truth[c], VoteRole.Origin, float.NaN, asOf, 0, 0));
            }
        var input = new ScoringInput
        {
            SourceCount = sources,
            ClaimOutcomes = outcomes,
            ClaimQuestions = Enumerable.Repeat(-1, claims).ToArray(),
            Votes = [.. votes],
        };
        return new SyntheticWorld(input, accuracy, truth);
    }

    // A news-like world: claims true at `baseRate`; every source only ever affirms, `votesPerSource` times (fewer when
    // it draws a claim twice), picking a true claim with its precision (0.3 to 0.95) and a false one otherwise; a share
    // `relayed` of its reports is repeated by one other source as a relay (Origin = the reporter). `resolved` of the
    // claims have their outcome given. Accuracy holds each source's actual precision: the share of the claims it
    // affirmed, in its own name or as a relay, that are true.
    public static SyntheticWorld GenerateAffirmationsOnly(int seed, int sources, int claims, int votesPerSource, double baseRate, double resolved, double relayed)
    {
        var random = new Random(seed);
        var truth = Enumerable.Range(0, claims).Select(_ => random.NextDouble() < baseRate).ToArray();
        var trueClaims = Enumerable.Range(0, claims).Where(c => truth[c]).ToArray();
        var falseClaims = Enumerable.Range(0, claims).Where(c => !truth[c]).ToArray();
        var precision = Enumerable.Range(0, sources).Select(_ => 0.3 + 0.65 * random.NextDouble()).ToArray();
        var votes = new List<Vote>();
        var said = new HashSet<(int Source, int Claim)>();
        for (var s = 0; s < sources; s++)
            for (var k = 0; k < votesPerSource; k++)
            {
                var pool = random.NextDouble() < precision[s] ? trueClaims : falseClaims;
                var claim = pool[random.Next(pool.Length)];
                if (!said.Add((s, claim))) continue;
                votes.Add(new Vote(s, claim, s, true, VoteRole.Origin, float.NaN, Build.AsOf, 0, 0));
                if (random.NextDouble() >= relayed) continue;
                var relay = random.Next(sources);
                if (relay != s && said.Add((relay, claim))) votes.Add(new Vote(relay, claim, s, true, VoteRole.Relay, float.NaN, Build.AsOf, 0, 0));
            }
        var outcomes = truth.Select(t => random.NextDouble() < resolved ? (t ? Outcome.True : Outcome.False) : Outcome.Unknown).ToArray();
        var affirmed = new int[sources];
        var affirmedTrue = new int[sources];
        foreach (var vote in votes)
        {
            affirmed[vote.Source]++;
            if (truth[vote.Claim]) affirmedTrue[vote.Source]++;
        }
        var input = new ScoringInput
        {
            SourceCount = sources,
            ClaimOutcomes = outcomes,
            ClaimQuestions = Enumerable.Repeat(-1, claims).ToArray(),
            Votes = [.. votes],
        };
        return new SyntheticWorld(input, [.. affirmedTrue.Zip(affirmed, (t, n) => n == 0 ? 0 : t / (double)n)], truth);
    }

    // A benchmark-like world of questions (which author wrote this book, what is this city's population): each question
    // has `answers` candidate claims, exactly one true; a source covers a question with probability `coverage` and then
    // affirms one answer, the true one with its accuracy (0.3 to 0.95), otherwise a wrong one, half the time the
    // question's "popular" wrong answer (the one careless sources repeat) and otherwise any. `resolved` of the questions
    // have their true answer given. Like the public benchmarks, nobody ever denies anything. Accuracy holds each
    // source's share of right answers.
    public static SyntheticWorld GenerateQuestions(int seed, int sources, int questions, int answers, double coverage, double resolved, double skew = 0)
    {
        var random = new Random(seed);
        var accuracy = Enumerable.Range(0, sources).Select(_ => 0.3 + 0.65 * random.NextDouble()).ToArray();
        // With skew > 0 a few sources cover many questions and most cover few (a Pareto-like spread of activity, as
        // among the bookstores of the book-author set), the mean coverage staying about `coverage`.
        var activity = Enumerable.Range(0, sources).Select(_ => Math.Pow(1 - random.NextDouble(), -skew)).ToArray();
        var meanActivity = activity.Average();
        var sourceCoverage = activity.Select(a => Math.Min(1, coverage * a / meanActivity)).ToArray();
        var claims = questions * answers;
        var truth = new bool[claims];
        var outcomes = new Outcome[claims];
        var claimQuestions = new int[claims];
        var votes = new List<Vote>();
        var given = new int[sources];
        var right = new int[sources];
        for (var q = 0; q < questions; q++)
        {
            var first = q * answers;
            for (var a = 0; a < answers; a++) claimQuestions[first + a] = q;
            var correct = random.Next(answers);
            var popular = (correct + 1 + random.Next(answers - 1)) % answers;
            truth[first + correct] = true;
            if (random.NextDouble() < resolved) outcomes[first + correct] = Outcome.True;
            for (var s = 0; s < sources; s++)
            {
                if (random.NextDouble() >= sourceCoverage[s]) continue;
                var answer = correct;
                if (random.NextDouble() >= accuracy[s])
                {
                    answer = random.NextDouble() < 0.5 ? popular : (correct + 1 + random.Next(answers - 1)) % answers;
                }
                given[s]++;
                if (answer == correct) right[s]++;
                votes.Add(new Vote(s, first + answer, s, true, VoteRole.Origin, float.NaN, Build.AsOf, 0, 0));
            }
        }
        var input = new ScoringInput
        {
            SourceCount = sources,
            ClaimOutcomes = outcomes,
            ClaimQuestions = claimQuestions,
            Votes = [.. votes],
        };
        return new SyntheticWorld(input, [.. right.Zip(given, (r, n) => n == 0 ? 0 : r / (double)n)], truth);
    }

    // Spearman's rank correlation (ties get their average rank).
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var a = Ranks(x);
        var b = Ranks(y);
        double meanA = a.Average(), meanB = b.Average(), covariance = 0, varianceA = 0, varianceB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            covariance += (a[i] - meanA) * (b[i] - meanB);
            varianceA += (a[i] - meanA) * (a[i] - meanA);
            varianceB += (b[i] - meanB) * (b[i] - meanB);
        }
        return covariance / Math.Sqrt(varianceA * varianceB);

        static double[] Ranks(IReadOnlyList<double> values)
        {
            var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
            var rank = new double[values.Count];
            for (var i = 0; i < order.Length;)
            {
                var j = i;
                while (j + 1 < order.Length && values[order[j + 1]] == values[order[i]]) j++;
                for (var k = i; k <= j; k++) rank[order[k]] = (i + j) / 2.0;
                i = j + 1;
            }
            return rank;
        }
    }

    // The same world with `copies` new sources that repeat every vote of `copied`, each in its own name.
    public static ScoringInput WithCopies(ScoringInput input, int copied, int copies)
    {
        var extra = Enumerable.Range(0, copies).SelectMany(k =>
            input.Votes.Where(v => v.Source == copied).Select(v => v with { Source = input.SourceCount + k, Origin = input.SourceCount + k }));
        return new ScoringInput
        {
            SourceCount = input.SourceCount + copies,
            ClaimOutcomes = input.ClaimOutcomes,
            ClaimQuestions = input.ClaimQuestions,
            Votes = [.. input.Votes, .. extra],
            VoteTerms = input.VoteTerms,
            TermNames = input.TermNames,
        };
    }

    // The same world with one new source of a known track record: right on `right` and wrong on `wrong` new resolved
    // claims of its own, true and false in turn (so the base rate stays near one half), affirming the true ones it is
    // right on and denying the false ones. Returns the new input and the new source's index.
    public static (ScoringInput Input, int Source) WithTrackRecord(ScoringInput input, int right, int wrong)
    {
        var source = input.SourceCount;
        var outcomes = new List<Outcome>();
        var votes = new List<Vote>();
        for (var k = 0; k < right + wrong; k++)
        {
            var isTrue = k % 2 == 0;
            var isRight = k < right;
            votes.Add(new Vote(source, input.ClaimCount + k, source, isTrue == isRight, VoteRole.Origin, float.NaN, Build.AsOf, 0, 0));
            outcomes.Add(isTrue ? Outcome.True : Outcome.False);
        }
        return (Extend(input, 1, [.. outcomes], votes), source);
    }

    // The same world with `sources` more sources, `claims` more claims (outside questions unless given) and the votes.
    public static ScoringInput Extend(ScoringInput input, int sources, Outcome[] claims, IEnumerable<Vote> votes, int[]? questions = null) => new()
    {
        SourceCount = input.SourceCount + sources,
        ClaimOutcomes = [.. input.ClaimOutcomes, .. claims],
        ClaimQuestions = [.. input.ClaimQuestions, .. questions ?? Enumerable.Repeat(-1, claims.Length)],
        Votes = [.. input.Votes, .. votes],
        VoteTerms = input.VoteTerms,
        TermNames = input.TermNames,
    };

    // One of the generators at random, for properties that should hold whatever the world: 0 Generate, 1
    // GenerateAffirmationsOnly, 2 GenerateQuestions (sizes scaled from `sources` and `claims`).
    public static SyntheticWorld Any(int kind, int seed, int sources, int claims, double coverage, double resolved) => kind switch
    {
        0 => Generate(seed, Math.Min(sources, 30), claims, coverage, resolved),
        1 => GenerateAffirmationsOnly(seed, sources, claims, 1 + (int)(coverage * 100), 0.6, resolved, 0.3),
        _ => GenerateQuestions(seed, sources, Math.Max(1, claims / 4), 4, coverage, resolved, 1),
    };

    // Affirms > denies: true; fewer: false; a tie: no call (counted half right).
    public static double MajorityAccuracy(SyntheticWorld world, IEnumerable<int> claims)
    {
        var balance = new int[world.Truth.Length];
        foreach (var v in world.Input.Votes) balance[v.Claim] += v.Affirms ? 1 : -1;
        var list = claims.ToList();
        return list.Sum(c => balance[c] == 0 ? 0.5 : balance[c] > 0 == world.Truth[c] ? 1 : 0) / (double)list.Count;
    }

    // p >= 0.5: true, below: false; exactly 0.5 (no evidence at all) counted half right, like a tie.
    public static double EstimateAccuracy(SyntheticWorld world, ScoringResult result) =>
        result.Claims.Sum(c => c.Probability == 0.5 ? 0.5 : c.Probability > 0.5 == world.Truth[c.Claim] ? 1 : 0) / (double)result.Claims.Count;
}
