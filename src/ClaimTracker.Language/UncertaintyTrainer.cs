namespace ClaimTracker.Language;

public sealed record Scores(int TruePositives, int FalsePositives, int FalseNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);
    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : (double)TruePositives / (TruePositives + FalseNegatives);
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public static Scores Of(IEnumerable<(bool Predicted, bool Actual)> pairs)
    {
        int tp = 0, fp = 0, fn = 0;
        foreach (var (predicted, actual) in pairs)
        {
            if (predicted && actual) tp++;
            else if (predicted) fp++;
            else if (actual) fn++;
        }
        return new Scores(tp, fp, fn);
    }

    public static Scores operator +(Scores a, Scores b) =>
        new(a.TruePositives + b.TruePositives, a.FalsePositives + b.FalsePositives, a.FalseNegatives + b.FalseNegatives);
}

// Per fold and pooled scores of the uncertain class, for the model and for the word list it is compared with
// (a sentence is uncertain when any lexicon cue matches in it).
// OutOfFold: each sentence's probability from the model that did not see it, with its label.
// Thresholds: each fold's pair, for sentences with a lexicon cue and for those without.
public sealed record CrossValidation(
    IReadOnlyList<Scores> Model, IReadOnlyList<Scores> WordList, IReadOnlyList<(double Cued, double Uncued)> Thresholds,
    IReadOnlyList<(double P, bool Label, bool AnyCue)> OutOfFold)
{
    // What another threshold would have given, for the trade-off table in the README.
    public Scores At(double threshold) => Scores.Of(OutOfFold.Select(o => (o.P >= threshold, o.Label)));

    // The same among the sentences with (or without) a lexicon cue only.
    public Scores At(double threshold, bool anyCue) => Scores.Of(OutOfFold.Where(o => o.AnyCue == anyCue).Select(o => (o.P >= threshold, o.Label)));

    public Scores ModelPooled => Model.Aggregate((a, b) => a + b);
    public Scores WordListPooled => WordList.Aggregate((a, b) => a + b);
}

// Trains UncertaintyModel by logistic regression: AdaGrad over the examples in a fixed shuffled order, L2 on the
// weights a step touches, features seen in fewer than MinCount training sentences left out, the MaxFeatures
// largest weights kept. Everything is seeded, so the same data and options give the same model, byte for byte.
// The thresholds are the pair that maximises F1 over out-of-fold predictions of ThresholdFolds folds of the
// training data itself: the data a model is tested on never chooses them. There are two, because a sentence in
// which no lexicon cue matches has no word a reader can point at as the doubt; it is called uncertain only when
// the model is surer of it (UncuedThreshold), which keeps "appeared in several films" from being flagged on
// the strength of "several" alone.
public static class UncertaintyTrainer
{
    public sealed record Options(
        int Epochs = 12,
        double LearningRate = 0.02,
        double L2 = 1e-4,
        int MinCount = 2,
        int MaxFeatures = 20_000,
        int ThresholdFolds = 5,
        int Seed = 2010,
        string TrainedOn = "",
        string Data = "");

    // A sentence's features, read once: their hashes, and the name of every hash seen.
    public sealed class Corpus
    {
        internal readonly ulong[][] Features;
        internal readonly bool[] Labels;
        internal readonly bool[] AnyCue;
        internal readonly Dictionary<ulong, string> Names = [];

        public Corpus(IReadOnlyList<LabelledSentence> sentences, HedgeMatcher matcher)
        {
            Features = new ulong[sentences.Count][];
            Labels = new bool[sentences.Count];
            AnyCue = new bool[sentences.Count];
            var buffer = new UncertaintyFeatures.Buffer(withNames: true);
            for (var i = 0; i < sentences.Count; i++)
            {
                var text = sentences[i].Text;
                var tokens = Tokenizer.Tokenize(text);
                var cues = matcher.Match(text, tokens);
                UncertaintyFeatures.Extract(text, new TextSpan(0, text.Length), tokens, 0, tokens.Count - 1, cues, buffer);
                Features[i] = buffer.Hashes[..buffer.Count];
                for (var f = 0; f < buffer.Count; f++) Names.TryAdd(buffer.Hashes[f], buffer.Names[f]);
                Labels[i] = sentences[i].Uncertain;
                AnyCue[i] = cues.Count > 0;
            }
        }

        public int Count => Labels.Length;
    }

    public static UncertaintyModel Train(Corpus corpus, Options options) =>
        Train(corpus, Enumerable.Range(0, corpus.Count).ToArray(), options);

    public static CrossValidation CrossValidate(Corpus corpus, int folds, Options options)
    {
        var fold = Folds(corpus.Count, folds, options.Seed);
        var model = new List<Scores>();
        var wordList = new List<Scores>();
        var thresholds = new List<(double, double)>();
        var outOfFold = new (double P, bool Label, bool AnyCue)[corpus.Count];
        for (var k = 0; k < folds; k++)
        {
            var training = Enumerable.Range(0, corpus.Count).Where(i => fold[i] != k).ToArray();
            var held = Enumerable.Range(0, corpus.Count).Where(i => fold[i] == k).ToArray();
            var trained = Train(corpus, training, options);
            thresholds.Add((trained.Threshold, trained.UncuedThreshold));
            var weights = trained.Names.Select((n, i) => (UncertaintyFeatures.Hash(n), trained.Weights[i])).ToDictionary();
            foreach (var i in held) outOfFold[i] = (Probability(weights, trained.Bias, corpus.Features[i]), corpus.Labels[i], corpus.AnyCue[i]);
            model.Add(Scores.Of(held.Select(i => (trained.IsUncertain(outOfFold[i].P, corpus.AnyCue[i]), corpus.Labels[i]))));
            wordList.Add(Scores.Of(held.Select(i => (corpus.AnyCue[i], corpus.Labels[i]))));
        }
        return new CrossValidation(model, wordList, thresholds, outOfFold);
    }

    private static UncertaintyModel Train(Corpus corpus, int[] examples, Options options)
    {
        // Out-of-fold probabilities of the training examples choose the threshold.
        var fold = Folds(examples.Length, options.ThresholdFolds, options.Seed + 1);
        var outOfFold = new (double P, bool Label, bool AnyCue)[examples.Length];
        for (var k = 0; k < options.ThresholdFolds; k++)
        {
            var inner = examples.Where((_, i) => fold[i] != k).ToArray();
            var (weights, bias) = Fit(corpus, inner, options);
            for (var i = 0; i < examples.Length; i++)
                if (fold[i] == k)
                    outOfFold[i] = (Probability(weights, bias, corpus.Features[examples[i]]), corpus.Labels[examples[i]], corpus.AnyCue[examples[i]]);
        }
        var (threshold, uncued) = BestThresholds(outOfFold);

        var (final, finalBias) = Fit(corpus, examples, options);
        var kept = final.Where(w => Math.Abs(w.Value) >= 1e-4)
            .OrderByDescending(w => Math.Abs(w.Value)).ThenBy(w => corpus.Names[w.Key], StringComparer.Ordinal)
            .Take(options.MaxFeatures)
            .ToDictionary(w => corpus.Names[w.Key], w => Math.Round(w.Value, 4), StringComparer.Ordinal);
        var training = $"logistic regression, AdaGrad, {options.Epochs} epochs, rate {options.LearningRate}, L2 {options.L2}, "
            + $"features in >= {options.MinCount} sentences, top {options.MaxFeatures} weights, threshold by {options.ThresholdFolds}-fold F1, seed {options.Seed}";
        return new UncertaintyModel(kept, Math.Round(finalBias, 4), threshold, uncued,
            new UncertaintyModel.ModelInfo(UncertaintyFeatures.Version, options.TrainedOn, options.Data, training));
    }

    private static (Dictionary<ulong, double> Weights, double Bias) Fit(Corpus corpus, int[] examples, Options options)
    {
        // Features by the number of training sentences holding them; rarer ones carry noise, not signal.
        var seen = new Dictionary<ulong, int>();
        foreach (var e in examples)
            foreach (var h in corpus.Features[e].Distinct())
                seen[h] = seen.GetValueOrDefault(h) + 1;
        var index = new Dictionary<ulong, int>();
        foreach (var (hash, count) in seen.OrderBy(s => s.Key))
            if (count >= options.MinCount) index[hash] = index.Count;

        var rows = examples.Select(e => corpus.Features[e].Where(index.ContainsKey).Select(h => index[h]).ToArray()).ToArray();
        var labels = examples.Select(e => corpus.Labels[e] ? 1.0 : 0.0).ToArray();
        var w = FitAdaGrad(rows, labels, index.Count, options, out var bias);
        return (index.ToDictionary(i => i.Key, i => w[i.Value]), bias);
    }

    private static double[] FitAdaGrad(int[][] rows, double[] labels, int count, Options options, out double bias)
    {
        var w = new double[count];
        var g2 = new double[count];
        double biasG2 = 0;
        bias = 0;
        var order = Enumerable.Range(0, rows.Length).ToArray();
        var random = new Random(options.Seed);
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var r in order)
            {
                var row = rows[r];
                var z = bias;
                foreach (var j in row) z += w[j];
                var error = 1 / (1 + Math.Exp(-z)) - labels[r];
                biasG2 += error * error;
                bias -= options.LearningRate * error / Math.Sqrt(biasG2 + 1e-8);
                foreach (var j in row)
                {
                    var gradient = error + options.L2 * w[j];
                    g2[j] += gradient * gradient;
                    w[j] -= options.LearningRate * gradient / Math.Sqrt(g2[j] + 1e-8);
                }
            }
        }
        return w;
    }

    private static double Probability(Dictionary<ulong, double> weights, double bias, ulong[] features)
    {
        var z = bias;
        foreach (var h in features) z += weights.GetValueOrDefault(h);
        return 1 / (1 + Math.Exp(-z));
    }

    // The cued and uncued thresholds that together give the best F1. The two groups of sentences are disjoint, so
    // each threshold's true and false positives are counted once per group, then every pair is tried.
    private static (double Cued, double Uncued) BestThresholds((double P, bool Label, bool AnyCue)[] predictions)
    {
        var grid = Enumerable.Range(5, 91).Select(t => t / 100.0).ToArray();
        var positives = predictions.Count(p => p.Label);
        (int Tp, int Fp)[] Count(bool anyCue) => grid
            .Select(t => (predictions.Count(p => p.AnyCue == anyCue && p.P >= t && p.Label), predictions.Count(p => p.AnyCue == anyCue && p.P >= t && !p.Label)))
            .ToArray();
        var (cued, uncued) = (Count(true), Count(false));
        var best = (F1: -1.0, Cued: 0.5, Uncued: 0.5);
        for (var a = 0; a < grid.Length; a++)
            for (var b = a; b < grid.Length; b++)
            {
                var f1 = new Scores(cued[a].Tp + uncued[b].Tp, cued[a].Fp + uncued[b].Fp, positives - cued[a].Tp - uncued[b].Tp).F1;
                if (f1 > best.F1) best = (f1, grid[a], grid[b]);
            }
        return (best.Cued, best.Uncued);
    }

    // Each index's fold, from a seeded shuffle: folds differ by at most one example in size.
    private static int[] Folds(int count, int folds, int seed)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(order);
        var fold = new int[count];
        for (var i = 0; i < count; i++) fold[order[i]] = i % folds;
        return fold;
    }
}
