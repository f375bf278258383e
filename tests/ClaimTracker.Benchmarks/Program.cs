using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using ClaimTracker.Benchmarks;
using ClaimTracker.Language;

// `rescore [--votes N --claims N --sources N --repeat N --keep --database NAME]`: the database benchmark of a full re-score (see RescoreBenchmark).
// Anything else goes to BenchmarkDotNet: `--filter '*'` runs the in-memory benchmarks.
if (args.FirstOrDefault() == "rescore") return await RescoreBenchmark.RunAsync(args, Console.Out);
// `embeddings`: model load time, memory and how well cosine separates the labelled claim pairs (see EmbeddingReport).
if (args.FirstOrDefault() == "embeddings") return EmbeddingReport.Run(args, Console.Out);
BenchmarkSwitcher.FromAssembly(typeof(AnalysisBenchmarks).Assembly).Run(args, new SingleCoreConfig());
return 0;

namespace ClaimTracker.Benchmarks
{
    // One core, as the target is stated per core; time and allocations are per sentence.
    public sealed class SingleCoreConfig : ManualConfig
    {
        public SingleCoreConfig()
        {
            AddJob(Job.Default.WithAffinity(1));
            AddColumnProvider(DefaultColumnProviders.Instance);
            AddColumn(new SentencesPerSecondColumn());
            AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default);
            AddLogger(BenchmarkDotNet.Loggers.ConsoleLogger.Default);
            AddExporter(BenchmarkDotNet.Exporters.MarkdownExporter.GitHub);
        }
    }

    // Sentences of realistic news prose (news-sentences.txt, written for this benchmark), analysed with the full
    // seed lexicon. Each operation is one sentence: the benchmarks run over the whole file and divide by its length.
    [MemoryDiagnoser]
    public class AnalysisBenchmarks
    {
        private const int Sentences = 40;
        private string _text = "";
        private string[] _sentences = [];
        private HedgeMatcher _matcher = null!;
        private TextAnalyzer _analyzer = null!;
        private NaiveRegexMatcher _naive = null!;
        private readonly ArticleContext _context = new("Daily Planet", "AFP");

        [GlobalSetup]
        public void Setup()
        {
            _sentences = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "news-sentences.txt")).Where(l => l.Length > 0).ToArray();
            if (_sentences.Length != Sentences) throw new InvalidDataException($"expected {Sentences} sentences, found {_sentences.Length}");
            _text = string.Join("\n\n", _sentences);
            var entries = LexiconFile.Read(SeedsFile("lexicon.json")).Terms.Select(t => t.ToEntry()).ToList();
            _matcher = new HedgeMatcher(entries);
            _analyzer = new TextAnalyzer(_matcher, UncertaintyModel.Load(SeedsFile("hedge-model.json")));
            _naive = new NaiveRegexMatcher(entries);
        }

        [Benchmark(Baseline = true, OperationsPerInvoke = Sentences, Description = "cues: one regex per term")]
        public int NaiveRegexCues()
        {
            var found = 0;
            foreach (var sentence in _sentences) found += _naive.Count(sentence);
            return found;
        }

        [Benchmark(OperationsPerInvoke = Sentences, Description = "cues: compiled word trie")]
        public int CompiledCues()
        {
            var found = 0;
            foreach (var sentence in _sentences) found += _matcher.Match(sentence).Count;
            return found;
        }

        [Benchmark(OperationsPerInvoke = Sentences, Description = "full analysis: split, cues, attribution, chain, uncertainty model")]
        public int FullAnalysis() => _analyzer.Analyze(_text, _context).Sentences.Count;

        private static string SeedsFile(string name)
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "seeds", name);
                if (File.Exists(candidate)) return candidate;
            }
            throw new FileNotFoundException($"seeds/{name} not found above " + AppContext.BaseDirectory);
        }
    }

    public sealed class SentencesPerSecondColumn : IColumn
    {
        public string Id => nameof(SentencesPerSecondColumn);
        public string ColumnName => "Sentences/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "Sentences analysed per second on one core (1 / mean time per sentence)";
        public bool IsAvailable(Summary summary) => true;
        public bool IsDefault(Summary summary, BenchmarkDotNet.Running.BenchmarkCase benchmarkCase) => false;

        public string GetValue(Summary summary, BenchmarkDotNet.Running.BenchmarkCase benchmarkCase) =>
            summary[benchmarkCase]?.ResultStatistics?.Mean is { } nanoseconds ? (1e9 / nanoseconds).ToString("N0") : "-";

        public string GetValue(Summary summary, BenchmarkDotNet.Running.BenchmarkCase benchmarkCase, SummaryStyle style) =>
            GetValue(summary, benchmarkCase);
    }
}
