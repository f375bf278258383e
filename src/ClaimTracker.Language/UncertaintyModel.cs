using System.Text.Json;

namespace ClaimTracker.Language;

// One feature's push on a sentence's uncertainty: its weight (features count once per occurrence), and where in
// the text it fired; null for features of the whole sentence (its length, whether it holds a number).
public sealed record UncertaintyContribution(string Feature, double Weight, TextSpan? Span);

public sealed record UncertaintyVerdict(double Probability, bool Uncertain, IReadOnlyList<UncertaintyContribution> Explanation);

// A logistic regression over sparse sentence features (see UncertaintyFeatures): the probability that a sentence
// is uncertain (hedged, or a weasel: vague attribution, vague quantifiers), and the features that decided it.
// Trained by UncertaintyTrainer; the model file (seeds/hedge-model.json) holds names and weights, never text.
public sealed class UncertaintyModel
{
    // How many contributions an explanation names: the largest by size, for and against.
    public const int ExplanationSize = 6;

    // Open addressing over feature hashes, key and weight index side by side: one cache line per probe.
    private readonly (ulong Key, int Slot)[] _table;
    private readonly int _mask;

    [ThreadStatic] private static UncertaintyFeatures.Buffer? _buffer;

    public UncertaintyModel(IReadOnlyDictionary<string, double> weights, double bias, double threshold, double uncuedThreshold, ModelInfo info)
    {
        _names = weights.Keys.Order(StringComparer.Ordinal).ToArray();
        _weights = _names.Select(n => weights[n]).ToArray();
        Bias = bias;
        Threshold = threshold;
        UncuedThreshold = uncuedThreshold;
        Info = info;

        var size = 16;
        while (size < _names.Length * 2) size *= 2;
        _table = new (ulong, int)[size];
        _mask = size - 1;
        for (var i = 0; i < _names.Length; i++)
        {
            var key = UncertaintyFeatures.Hash(_names[i]);
            var at = (int)(key & (ulong)_mask);
            while (_table[at].Slot != 0) at = (at + 1) & _mask;
            _table[at] = (key, i + 1);
        }
    }

    // What the file says of where the model came from; Data describes the training set, it does not hold it.
    public sealed record ModelInfo(string FeatureSet, string TrainedOn, string Data, string Training);

    private readonly string[] _names;
    private readonly double[] _weights;

    public IReadOnlyList<string> Names => _names;
    public IReadOnlyList<double> Weights => _weights;
    public double Bias { get; }
    // A sentence holding a lexicon cue is uncertain from Threshold; one without any from UncuedThreshold (never
    // lower), since then no word a reader can see carries the doubt (UncertaintyTrainer chooses both).
    public double Threshold { get; }
    public double UncuedThreshold { get; }
    public ModelInfo Info { get; }

    public bool IsUncertain(double probability, bool anyCue) => probability >= (anyCue ? Threshold : UncuedThreshold);

    public UncertaintyVerdict Predict(string sentence, IReadOnlyList<CueMatch> cues)
    {
        var tokens = Tokenizer.Tokenize(sentence);
        return Predict(sentence, new TextSpan(0, sentence.Length), tokens, 0, tokens.Count - 1, cues);
    }

    public UncertaintyVerdict Predict(string sentence, HedgeMatcher matcher, int explanationSize = ExplanationSize)
    {
        var tokens = Tokenizer.Tokenize(sentence);
        return Predict(sentence, new TextSpan(0, sentence.Length), tokens, 0, tokens.Count - 1, matcher.Match(sentence, tokens), explanationSize);
    }

    // The sentence is text[sentence], its words tokens[first..last]; spans in the explanation are offsets into text.
    internal UncertaintyVerdict Predict(string text, TextSpan sentence, List<Token> tokens, int first, int last, IReadOnlyList<CueMatch> cues,
        int explanationSize = ExplanationSize)
    {
        explanationSize = Math.Clamp(explanationSize, 0, 64);
        var buffer = _buffer ??= new UncertaintyFeatures.Buffer(withNames: false);
        UncertaintyFeatures.Extract(text, sentence, tokens, first, last, cues, buffer);

        Span<int> top = stackalloc int[explanationSize];
        Span<int> topFeature = stackalloc int[explanationSize];
        var kept = 0;
        var score = Bias;
        for (var f = 0; f < buffer.Count; f++)
        {
            var index = IndexOf(buffer.Hashes[f]);
            if (index < 0) continue;
            var weight = _weights[index];
            score += weight;
            // Keep the largest contributions by size, once per feature (a word twice in a sentence is named once).
            if (top[..kept].Contains(index)) continue;
            if (kept < explanationSize) { top[kept] = index; topFeature[kept++] = f; }
            else if (kept > 0)
            {
                var smallest = 0;
                for (var k = 1; k < kept; k++) if (Math.Abs(_weights[top[k]]) < Math.Abs(_weights[top[smallest]])) smallest = k;
                if (Math.Abs(weight) > Math.Abs(_weights[top[smallest]])) { top[smallest] = index; topFeature[smallest] = f; }
            }
        }

        var probability = 1 / (1 + Math.Exp(-score));
        var explanation = new UncertaintyContribution[kept];
        for (var k = 0; k < kept; k++)
        {
            var f = topFeature[k];
            var span = buffer.Starts[f] < 0 ? (TextSpan?)null : new TextSpan(buffer.Starts[f], buffer.Lengths[f]);
            explanation[k] = new UncertaintyContribution(_names[top[k]], _weights[top[k]], span);
        }
        Array.Sort(explanation, (a, b) => Math.Abs(b.Weight).CompareTo(Math.Abs(a.Weight)));
        return new UncertaintyVerdict(probability, IsUncertain(probability, cues.Count > 0), explanation);
    }

    private int IndexOf(ulong key)
    {
        var at = (int)(key & (ulong)_mask);
        while (true)
        {
            var (candidate, slot) = _table[at];
            if (slot == 0) return -1;
            if (candidate == key) return slot - 1;
            at = (at + 1) & _mask;
        }
    }

    public static UncertaintyModel Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        var featureSet = root.GetProperty("featureSet").GetString();
        if (featureSet != UncertaintyFeatures.Version)
            throw new InvalidDataException($"{path} was trained on features '{featureSet}'; this build reads '{UncertaintyFeatures.Version}'. Retrain it.");
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var weight in root.GetProperty("weights").EnumerateObject()) weights[weight.Name] = weight.Value.GetDouble();
        return new UncertaintyModel(weights, root.GetProperty("bias").GetDouble(), root.GetProperty("threshold").GetDouble(),
            root.GetProperty("uncuedThreshold").GetDouble(),
            new ModelInfo(featureSet, root.GetProperty("trainedOn").GetString() ?? "", root.GetProperty("data").GetString() ?? "",
                root.GetProperty("training").GetString() ?? ""));
    }

    // One weight a line, names in ordinal order: the same model always gives the same bytes, and a retrained
    // model's diff shows which features moved.
    public void Save(Stream stream)
    {
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = true,
            // Feature names hold < and >; the file is data, never embedded in HTML, so they stay readable.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        writer.WriteStartObject();
        writer.WriteString("featureSet", Info.FeatureSet);
        writer.WriteString("trainedOn", Info.TrainedOn);
        writer.WriteString("data", Info.Data);
        writer.WriteString("training", Info.Training);
        writer.WriteNumber("threshold", Threshold);
        writer.WriteNumber("uncuedThreshold", UncuedThreshold);
        writer.WriteNumber("bias", Bias);
        writer.WriteStartObject("weights");
        for (var i = 0; i < Names.Count; i++) writer.WriteNumber(Names[i], Weights[i]);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public void Save(string path)
    {
        using var file = File.Create(path);
        Save(file);
    }
}
