using Xunit.Abstractions;

namespace ClaimTracker.Language.Tests;

// Cross-validates the uncertainty model on ../shared/data/conll2010-wikipedia/train.csv (outside the repository;
// without it the test is skipped). The README's 10-fold figures come from scripts/train-hedge-model.sh cv; five
// folds here keep the test under a minute.
public sealed class UncertaintyCrossValidationTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void CrossValidation_OnWikipediaSentences_ReachesF1OfSixtyPercent()
    {
        var path = Path.Combine(SeedLexicon.RepositoryRoot(), "..", "shared", "data", "conll2010-wikipedia", "train.csv");
        Skip.IfNot(File.Exists(path), $"{path} is not here.");
        var corpus = new UncertaintyTrainer.Corpus(LabelledSentences.ReadCsv(path), SeedLexicon.Matcher);

        var result = UncertaintyTrainer.CrossValidate(corpus, folds: 5, new UncertaintyTrainer.Options());

        var model = result.ModelPooled;
        var words = result.WordListPooled;
        output.WriteLine($"model P {model.Precision:0.000} R {model.Recall:0.000} F1 {model.F1:0.000}; word list F1 {words.F1:0.000}");
        Assert.True(model.F1 >= 0.60, $"F1 {model.F1:0.000}");
        Assert.True(model.F1 > words.F1 + 0.1, $"model F1 {model.F1:0.000}, word list {words.F1:0.000}");
    }
}
