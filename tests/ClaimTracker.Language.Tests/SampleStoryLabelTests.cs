using System.Security.Cryptography;
using System.Text.Json;
using Xunit.Abstractions;

namespace ClaimTracker.Language.Tests;

// Measures the analyzer against Labels/sample-story.labels.json, hand labels for every sentence of
// ../shared/seed-article.txt. The article stays outside the repository; without it these tests are skipped.
// The figures in the README come from: dotnet test tests/ClaimTracker.Language.Tests --filter SampleStoryLabelTests --logger "console;verbosity=detailed"
public sealed class SampleStoryLabelTests(ITestOutputHelper output)
{
    private static readonly Lazy<Labels> Gold = new(() =>
        JsonSerializer.Deserialize<Labels>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Labels", "sample-story.labels.json")),
            new JsonSerializerOptions(JsonSerializerDefaults.Web))!);

    [SkippableFact]
    public void Sentences_SplitAsLabelled()
    {
        var (text, analysis) = Analyze();

        Assert.Equal(Gold.Value.Sentences.Count, analysis.Sentences.Count);
        foreach (var (label, sentence) in Gold.Value.Sentences.Zip(analysis.Sentences))
            Assert.StartsWith(label.Starts, sentence.Text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Cues_MeetPrecisionAndRecallTargets()
    {
        var (text, analysis) = Analyze();
        int truePositives = 0, falsePositives = 0, falseNegatives = 0;
        foreach (var (label, sentence) in Gold.Value.Sentences.Zip(analysis.Sentences))
        {
            var expected = Spans(sentence.Text, label.Cues).Select(s => s + sentence.Span.Start).ToHashSet();
            var found = sentence.Cues.Select(c => c.Start).ToHashSet();
            truePositives += expected.Intersect(found).Count();
            falsePositives += found.Except(expected).Count();
            falseNegatives += expected.Except(found).Count();
            foreach (var miss in expected.Except(found)) output.WriteLine($"missed cue at {miss}: {Word(text, miss)}");
            foreach (var extra in found.Except(expected)) output.WriteLine($"extra cue at {extra}: {Word(text, extra)}");
        }
        var precision = (double)truePositives / (truePositives + falsePositives);
        var recall = (double)truePositives / (truePositives + falseNegatives);
        output.WriteLine($"cues: {truePositives} found as labelled, {falsePositives} extra, {falseNegatives} missed; precision {precision:F3}, recall {recall:F3}");

        Assert.True(precision >= 0.9, $"cue precision {precision:F3}");
        Assert.True(recall >= 0.9, $"cue recall {recall:F3}");
    }

    [SkippableFact]
    public void Kinds_MatchTheLabels_AndBackgroundIsNeverHedged()
    {
        var (_, analysis) = Analyze();
        var pairs = Gold.Value.Sentences.Zip(analysis.Sentences).ToList();
        var agreeing = pairs.Count(p => p.First.Kind == Name(p.Second.Kind));
        output.WriteLine($"sentence kinds: {agreeing} of {pairs.Count} as labelled");

        Assert.All(pairs.Where(p => p.First.Kind == "background"), p => Assert.Equal(SentenceKind.Background, p.Second.Kind));
        Assert.All(pairs, p => Assert.Equal(p.First.Kind, Name(p.Second.Kind)));
    }

    [SkippableFact]
    public void ClaimsC1ToC9_AreProposedWithTheirChains()
    {
        var (_, analysis) = Analyze();
        var claims = Gold.Value.Sentences.Zip(analysis.Sentences)
            .SelectMany(p => (p.First.Claims ?? []).Select(claim => (Claim: claim, Sentence: p.Second)))
            .ToList();
        var correct = 0;
        foreach (var (claim, sentence) in claims)
        {
            var clause = sentence.Clauses.SingleOrDefault(c => c.Text.StartsWith(claim.Starts, StringComparison.Ordinal));
            var chain = clause?.Chain.Select(l => $"{Normal(l.Name)}:{Name(l.Role)}").ToList() ?? [];
            var expected = claim.Chain.Select(l => l.Split(':')).Select(l => $"{Normal(l[0])}:{l[1]}").ToList();
            var right = clause is not null && clause.Kind != SentenceKind.Background && chain.SequenceEqual(expected);
            if (right) correct++;
            output.WriteLine($"{claim.Key}: {(right ? "right" : "WRONG")} {string.Join(" -> ", chain)}");
        }
        output.WriteLine($"chains: {correct} of {claims.Count} exactly as labelled");

        Assert.Equal(["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9"], claims.Select(c => c.Claim.Key));
        Assert.Equal(claims.Count, correct);
    }

    private static (string Text, TextAnalysis Analysis) Analyze()
    {
        var path = Path.Combine(SeedLexicon.RepositoryRoot(), "..", "shared", "seed-article.txt");
        Skip.IfNot(File.Exists(path), $"{path} is not here; the labels describe that file.");
        var bytes = File.ReadAllBytes(path);
        Assert.True(Convert.ToHexStringLower(SHA256.HashData(bytes)) == Gold.Value.Sha256, "seed-article.txt changed since it was labelled");
        var text = File.ReadAllText(path);
        var analyzer = new TextAnalyzer(SeedLexicon.Matcher);
        return (text, analyzer.Analyze(text, new ArticleContext(Gold.Value.Publisher, Gold.Value.SyndicatedFrom)));
    }

    // The n-th occurrence of each labelled word, as whole words, in order.
    private static IEnumerable<int> Spans(string sentence, IReadOnlyList<string> cues)
    {
        var from = 0;
        foreach (var cue in cues)
        {
            var at = sentence.IndexOf(cue, from, StringComparison.Ordinal);
            Assert.True(at >= 0, $"labelled cue '{cue}' is not in: {sentence}");
            yield return at;
            from = at + cue.Length;
        }
    }

    private static string Word(string text, int at) => new(text.Skip(at).TakeWhile(c => char.IsLetter(c) || c == ' ').Take(25).ToArray());

    private static string Normal(string name) =>
        string.Join(' ', name.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .SkipWhile(w => w is "a" or "an" or "the" or "another"));

    private static string Name<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    private sealed record Labels(string Sha256, string Publisher, string SyndicatedFrom, IReadOnlyList<SentenceLabel> Sentences);

    private sealed record SentenceLabel(string Starts, string Kind, IReadOnlyList<string> Cues, IReadOnlyList<ClaimLabel>? Claims);

    private sealed record ClaimLabel(string Key, string Starts, IReadOnlyList<string> Chain);
}
