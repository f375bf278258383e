using System.Diagnostics;
using System.Globalization;
using ClaimTracker.Language;

// train --data FILE --lexicon seeds/lexicon.json --out seeds/hedge-model.json [--trained-on yyyy-MM-dd]
// cv    --data FILE --lexicon seeds/lexicon.json [--folds 10]
// explain MODEL LEXICON "sentence"
// FILE is a `text,label` CSV (label 1 = uncertain), e.g. ../shared/data/conll2010-wikipedia/train.csv.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args.FirstOrDefault() == "explain" && args.Length >= 4)
{
    // explain MODEL LEXICON "sentence": every feature the model weighs in the sentence.
    var explained = UncertaintyModel.Load(args[1]).Predict(args[3], new HedgeMatcher(LexiconFile.Read(args[2]).Terms.Select(t => t.ToEntry())), 64);
    Console.WriteLine($"p = {explained.Probability:0.000}, uncertain: {explained.Uncertain}");
    foreach (var c in explained.Explanation) Console.WriteLine($"  {c.Weight,7:+0.000;-0.000}  {c.Feature}  {c.Span}");
    return 0;
}
if (args.Length == 0 || args[0] is not ("train" or "cv"))
{
    Console.Error.WriteLine("usage: train --data FILE --lexicon FILE --out FILE [--trained-on DATE] | cv --data FILE --lexicon FILE [--folds N]");
    return 2;
}
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
var data = Option("--data") ?? throw new ArgumentException("--data FILE is required");
var lexicon = Option("--lexicon") ?? "seeds/lexicon.json";

var defaults = new UncertaintyTrainer.Options();
var options = defaults with
{
    Epochs = int.Parse(Option("--epochs") ?? defaults.Epochs.ToString()),
    LearningRate = double.Parse(Option("--rate") ?? defaults.LearningRate.ToString()),
    L2 = double.Parse(Option("--l2") ?? defaults.L2.ToString()),
    MinCount = int.Parse(Option("--min-count") ?? defaults.MinCount.ToString()),
};
var clock = Stopwatch.StartNew();
var sentences = LabelledSentences.ReadCsv(data);
var matcher = new HedgeMatcher(LexiconFile.Read(lexicon).Terms.Select(t => t.ToEntry()));
var corpus = new UncertaintyTrainer.Corpus(sentences, matcher);
var description = $"{Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(data)))}/{Path.GetFileName(data)}: "
    + $"{sentences.Count} sentences, {sentences.Count(s => s.Uncertain)} uncertain; lexicon {Path.GetFileName(lexicon)}";
Console.WriteLine(description);

if (args[0] == "cv")
{
    var folds = int.Parse(Option("--folds") ?? "10");
    var result = UncertaintyTrainer.CrossValidate(corpus, folds, options);
    Console.WriteLine($"{folds}-fold cross-validation, uncertain class       precision  recall     F1");
    Report("model, mean over folds", result.Model.Average(s => s.Precision), result.Model.Average(s => s.Recall), result.Model.Average(s => s.F1));
    Report("model, pooled", result.ModelPooled.Precision, result.ModelPooled.Recall, result.ModelPooled.F1);
    Report("word list (any cue), mean over folds", result.WordList.Average(s => s.Precision), result.WordList.Average(s => s.Recall), result.WordList.Average(s => s.F1));
    Report("word list (any cue), pooled", result.WordListPooled.Precision, result.WordListPooled.Recall, result.WordListPooled.F1);
    Console.WriteLine($"F1 by fold: {string.Join(' ', result.Model.Select(s => s.F1.ToString("0.000")))}");
    Console.WriteLine($"thresholds chosen on the training folds: {string.Join(' ', result.Thresholds.Select(t => $"{t.Cued:0.00}/{t.Uncued:0.00}"))} (with a cue / without)");
    Console.WriteLine("pooled, had every fold used one threshold:");
    foreach (var threshold in new[] { 0.2, 0.3, 0.4, 0.5, 0.6, 0.7 })
    {
        var at = result.At(threshold);
        Report($"threshold {threshold:0.0}", at.Precision, at.Recall, at.F1);
    }
    Console.WriteLine("pooled, sentences with a lexicon cue | without one:");
    foreach (var threshold in new[] { 0.3, 0.4, 0.5, 0.6 })
    {
        var (cued, uncued) = (result.At(threshold, anyCue: true), result.At(threshold, anyCue: false));
        Console.WriteLine($"  threshold {threshold:0.0}   with: P {cued.Precision:0.000} R {cued.Recall:0.000} ({cued.TruePositives + cued.FalsePositives} flagged)"
            + $"   without: P {uncued.Precision:0.000} R {uncued.Recall:0.000} ({uncued.TruePositives + uncued.FalsePositives} flagged)");
    }
}
else
{
    var output = Option("--out") ?? throw new ArgumentException("--out FILE is required");
    var trainedOn = Option("--trained-on") ?? DateTime.UtcNow.ToString("yyyy-MM-dd");
    var model = UncertaintyTrainer.Train(corpus, options with { TrainedOn = trainedOn, Data = description });
    model.Save(output);
    Console.WriteLine($"{output}: {model.Names.Count} weights, bias {model.Bias}, threshold {model.Threshold} (without a cue {model.UncuedThreshold})");
}
Console.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s");
return 0;

static void Report(string what, double precision, double recall, double f1) =>
    Console.WriteLine($"  {what,-46} {precision,6:0.000}  {recall,6:0.000}  {f1,6:0.000}");
