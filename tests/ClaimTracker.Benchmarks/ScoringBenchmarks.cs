using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using ClaimTracker.Scoring;

namespace ClaimTracker.Benchmarks;

// The pure scoring of a full re-score: 1,000,000 votes over 200,000 claims and 20,000 sources in one Scorer.Score call
// (no database). The scorer runs its stages in parallel, so besides the one-core job every benchmark here gets (the
// row pinned by affinity), AllCores adds a job on every core of the machine: that row is the time of a re-score. Run
// alone with:
//   dotnet run -c Release --project tests/ClaimTracker.Benchmarks -- --filter '*Scoring*'
// BenchmarkDotNet's default job takes a few minutes on an operation of a second; for a quicker figure add
//   --warmupCount 1 --iterationCount 5
// (The Sentences/s column belongs to the text-analysis benchmarks and means nothing here.)
[MemoryDiagnoser]
[Config(typeof(AllCores))]
public class ScoringBenchmarks
{
    private ScoringInput _input = null!;
    private ScoringParameters _parameters = null!;

    [GlobalSetup]
    public void Setup()
    {
        _input = ScoringDataGenerator.Generate(seed: 20260301, votes: 1_000_000, claims: 200_000, sources: 20_000);
        _parameters = new ScoringParameters();
    }

    [Benchmark(Description = "score 1M votes / 200k claims / 20k sources")]
    public int ScoreAll() => Scorer.Score(_input, _parameters, ScoringDataGenerator.AsOf).Claims.Count;

    // ScoringResult.Claims builds each estimate and its explanation when it is read: this reads every one once, as a
    // run writing them to the database does, so that the cost moved out of Score is counted too.
    [Benchmark(Description = "score, then read every estimate and explanation")]
    public double ScoreAndReadAll()
    {
        var total = 0.0;
        foreach (var estimate in Scorer.Score(_input, _parameters, ScoringDataGenerator.AsOf).Claims)
        {
            total += estimate.Probability;
            foreach (var contribution in estimate.Explanation) total += contribution.Push;
        }
        return total;
    }

    public sealed class AllCores : ManualConfig
    {
        public AllCores() => AddJob(Job.Default.WithId("AllCores"));
    }
}

// A deterministic synthetic archive shaped like the product's data:
//  - sources of known accuracy (0.55 to 0.95), their activity skewed so a few large outlets make most reports;
//  - claims true or false at even odds; 10% are answers to questions of 2 to 4 claims (exactly one true), 20% resolved;
//  - 30% of the votes come as attribution chains (an origin, one to three relays, a publisher) that all carry the
//    origin's stand; the rest are sources speaking for themselves;
//  - 100 copiers that repeat another source's own votes wholesale;
//  - half the votes state a confidence (with one or two of eight hedge terms), dated over the three years before AsOf.
public static class ScoringDataGenerator
{
    public static readonly long AsOf = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
    private static readonly string[] Terms = ["appears", "reportedly", "expected", "likely", "officials say", "believed", "almost certain", "unlikely"];
    private static readonly float[] TermProbability = [0.7f, 0.6f, 0.65f, 0.7f, 0.6f, 0.7f, 0.95f, 0.2f];

    public static ScoringInput Generate(int seed, int votes, int claims, int sources)
    {
        var random = new Random(seed);
        var accuracy = new double[sources];
        for (var s = 0; s < sources; s++) accuracy[s] = 0.55 + 0.4 * random.NextDouble();

        var truth = new bool[claims];
        var questions = new int[claims];
        var outcomes = new Outcome[claims];
        var question = 0;
        for (var c = 0; c < claims;)
        {
            if (random.NextDouble() < 0.1 / 3 && claims - c >= 4)
            {
                var answers = random.Next(2, 5);
                var right = random.Next(answers);
                for (var k = 0; k < answers; k++, c++)
                {
                    questions[c] = question;
                    truth[c] = k == right;
                }
                question++;
            }
            else
            {
                questions[c] = -1;
                truth[c] = random.NextDouble() < 0.5;
                c++;
            }
        }
        for (var c = 0; c < claims; c++)
            if (random.NextDouble() < 0.2) outcomes[c] = truth[c] ? Outcome.True : Outcome.False;

        var copiers = Math.Min(100, sources / 10);
        var list = new List<Vote>(votes);
        var voteTerms = new List<int>();
        // Activity: source = sources * u^2 puts most votes on low indexes (the large outlets); copiers are the top indexes.
        int PickSource() => Math.Min(sources - copiers - 1, (int)(sources * Math.Pow(random.NextDouble(), 2)));
        var copyBudget = votes / 20;
        while (list.Count < votes - copyBudget)
        {
            var claim = random.Next(claims);
            var origin = PickSource();
            var believes = random.NextDouble() < accuracy[origin] ? truth[claim] : !truth[claim];
            var (confidence, termStart, termCount) = Stated(random, voteTerms, believes);
            var at = AsOf - (long)(random.NextDouble() * 3 * 365 * 86_400);
            list.Add(new Vote(origin, claim, origin, believes, VoteRole.Origin, confidence, at, termStart, termCount));
            if (random.NextDouble() < 0.3 / 3.5)
            {
                // A chain: 1-3 relays and a publisher repeat the origin's stand, as in Yonhap -> AFP -> NDTV.
                var relays = random.Next(1, 4);
                for (var k = 0; k <= relays; k++)
                    list.Add(new Vote(PickSource(), claim, origin, believes, k == relays ? VoteRole.Publisher : VoteRole.Relay,
                        confidence, at, termStart, termCount));
            }
        }
        // Copier k repeats every vote that one of the 1% largest sources made in its own name, under its own name.
        var copiedBy = new Dictionary<int, List<int>>();
        for (var k = 0; k < copiers; k++)
        {
            var copied = random.Next(Math.Max(1, sources / 100));
            if (!copiedBy.TryGetValue(copied, out var by)) copiedBy[copied] = by = [];
            by.Add(sources - 1 - k);
        }
        var originals = list.Count;
        for (var v = 0; v < originals && list.Count < votes; v++)
            if (list[v].Source == list[v].Origin && copiedBy.TryGetValue(list[v].Source, out var by))
                foreach (var copier in by)
                    if (list.Count < votes) list.Add(list[v] with { Source = copier, Origin = copier });
        while (list.Count < votes)
        {
            var claim = random.Next(claims);
            var source = PickSource();
            var right = random.NextDouble() < accuracy[source];
            list.Add(new Vote(source, claim, source, right ? truth[claim] : !truth[claim], VoteRole.Origin, float.NaN, AsOf, 0, 0));
        }

        return new ScoringInput
        {
            SourceCount = sources,
            ClaimOutcomes = outcomes,
            ClaimQuestions = questions,
            Votes = [.. list],
            VoteTerms = [.. voteTerms],
            TermNames = Terms,
        };
    }

    private static (float Confidence, int TermStart, byte TermCount) Stated(Random random, List<int> voteTerms, bool affirms)
    {
        if (random.NextDouble() < 0.5) return (float.NaN, 0, 0);
        var start = voteTerms.Count;
        var count = random.Next(1, 3);
        for (var k = 0; k < count; k++) voteTerms.Add(random.Next(Terms.Length));
        var p = TermProbability[voteTerms[start]];
        return (affirms ? p : 1 - p, start, (byte)count);
    }
}
