namespace ClaimTracker.Language.Tests;

public sealed class UncertaintyModelTests
{
    private static readonly HedgeMatcher TinyMatcher = HandBuilt.Matcher(
        HandBuilt.Entry("reportedly", 0.6, category: CueCategory.Evidential));

    // Half the sentences carry "reportedly" and are uncertain; the words around it are shared by both halves,
    // so only the cue separates them.
    private static List<LabelledSentence> TinySet()
    {
        string[] subjects = ["The mayor", "A senior minister", "The club's coach", "Her brother", "The company", "Our neighbour"];
        string[] endings = ["resigned on Monday.", "left the country.", "sold the house.", "won the vote.", "paid the fine."];
        return subjects.SelectMany(s => endings.SelectMany(e => new[]
        {
            new LabelledSentence($"{s} reportedly {e}", true),
            new LabelledSentence($"{s} {e}", false),
        })).ToList();
    }

    private static UncertaintyModel TrainTiny() =>
        UncertaintyTrainer.Train(new UncertaintyTrainer.Corpus(TinySet(), TinyMatcher), new UncertaintyTrainer.Options(Epochs: 30, LearningRate: 0.2, TrainedOn: "2026-01-01"));

    [Fact]
    public void Train_OnATinySet_LearnsTheCueThatSeparatesIt()
    {
        var model = TrainTiny();

        var hedged = model.Predict("The referee reportedly quit.", TinyMatcher);
        var plain = model.Predict("The referee quit.", TinyMatcher);

        Assert.True(hedged.Uncertain, $"p = {hedged.Probability}");
        Assert.False(plain.Uncertain, $"p = {plain.Probability}");
        Assert.Contains(hedged.Explanation.Take(3), c => c.Feature is "cue:reportedly" or "word:reportedly");
    }

    [Fact]
    public void SaveThenLoad_GivesTheSameProbabilities()
    {
        var model = TrainTiny();
        var path = Path.GetTempFileName();
        try
        {
            model.Save(path);
            var loaded = UncertaintyModel.Load(path);

            Assert.Equal(model.Threshold, loaded.Threshold);
            foreach (var sentence in new[] { "The referee reportedly quit.", "The mayor sold the house.", "Nothing here is shared." })
                Assert.Equal(model.Predict(sentence, TinyMatcher).Probability, loaded.Predict(sentence, TinyMatcher).Probability);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Train_TwiceOnTheSameData_WritesTheSameBytes()
    {
        using var first = new MemoryStream();
        using var second = new MemoryStream();
        TrainTiny().Save(first);
        TrainTiny().Save(second);

        Assert.Equal(first.ToArray(), second.ToArray());
    }

    [Fact]
    public void Load_WhenTheFeatureSetDiffers_Refuses()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """{"featureSet": "uncertainty-features-0", "trainedOn": "", "data": "", "training": "", "threshold": 0.5, "bias": 0, "weights": {}}""");
            Assert.Throws<InvalidDataException>(() => UncertaintyModel.Load(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Analyze_ExplanationSpans_PointAtTheWordsTheyName()
    {
        // The second sentence starts well into the text: its spans must be offsets into the whole text.
        const string text = "The bridge opened in 1932. Some critics argue that the design is widely considered the finest in Europe.";
        var analysis = SeedModel.Analyzer.Analyze(text);

        var second = analysis.Sentences[1];
        Assert.NotEmpty(second.Explanation);
        foreach (var contribution in second.Explanation.Where(c => c.Span is not null))
        {
            var span = contribution.Span!.Value;
            Assert.True(second.Span.Contains(span.Start) && span.End <= second.Span.End, $"{contribution.Feature} at {span} lies outside the sentence");
            var covered = text.Substring(span.Start, span.Length).ToLowerInvariant();
            var named = contribution.Feature[(contribution.Feature.IndexOf(':') + 1)..];
            if (contribution.Feature.StartsWith("word:", StringComparison.Ordinal)) Assert.Equal(named, covered);
            if (contribution.Feature.StartsWith("words:", StringComparison.Ordinal)) Assert.Equal(named.Replace("<s> ", ""), covered);
            if (contribution.Feature.StartsWith("lemma:", StringComparison.Ordinal)) Assert.StartsWith(named, covered);
        }
    }

    [Fact]
    public void Analyze_WithoutAModel_LeavesUncertaintyOutAndFallsBackToCues()
    {
        var analysis = new TextAnalyzer(SeedLexicon.Matcher).Analyze("It will probably rain. The shop opened.");

        Assert.All(analysis.Sentences, s => Assert.Null(s.Uncertainty));
        Assert.All(analysis.Sentences, s => Assert.Empty(s.Explanation));
        Assert.Equal([true, false], analysis.Sentences.Select(s => s.Uncertain));
    }

    [Theory]
    [InlineData("Some critics argue that the policy failed.")]
    [InlineData("The castle is widely considered the finest in Europe.")]
    public void SeedModel_FindsWeaselSentencesUncertain(string sentence)
    {
        var analysed = SeedModel.Analyzer.Analyze(sentence).Sentences.Single();

        Assert.NotNull(analysed.Uncertainty);
        Assert.True(analysed.Uncertain,
            $"p = {analysed.Uncertainty:0.000}: {string.Join(", ", analysed.Explanation.Select(c => $"{c.Feature} {c.Weight:+0.00;-0.00}"))}");
    }

    // "appear in" means showing up: the features of the word and its context must outweigh its cue.
    [Fact]
    public void SeedModel_ReadsAppearedInAsNoHedge()
    {
        const string sentence = "Pinchot has appeared in several feature films.";
        var verdict = SeedModel.Model.Predict(sentence, SeedLexicon.Matcher, explanationSize: 64);

        var appeared = sentence.IndexOf("appeared", StringComparison.Ordinal);
        var fromAppeared = verdict.Explanation.Where(c => c.Span is { } span && span.Start == appeared).ToList();
        Assert.NotEmpty(fromAppeared);
        Assert.True(fromAppeared.Sum(c => c.Weight) < 0, string.Join(", ", fromAppeared.Select(c => $"{c.Feature} {c.Weight:+0.00;-0.00}")));
    }
}
