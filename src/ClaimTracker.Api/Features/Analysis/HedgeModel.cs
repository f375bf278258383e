using ClaimTracker.Api.Features.Lexicon;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Language;

namespace ClaimTracker.Api.Features.Analysis;

// The uncertainty model, read once at start-up from seeds/hedge-model.json: in ClaimTracker:SeedsPath when set,
// else in the nearest seeds/ above the working directory or the program. Without it analysis still works, with
// `uncertainty: null`; a model that cannot be read is logged, not fatal, for the same reason.
public sealed class HedgeModel
{
    public const string FileName = "hedge-model.json";

    public HedgeModel(IConfiguration configuration, ILogger<HedgeModel> logger)
    {
        var path = SeedFiles.Find(configuration["ClaimTracker:SeedsPath"], FileName);
        if (path is null)
        {
            logger.LogWarning("No seeds/{File} found; sentences are analysed without an uncertainty model.", FileName);
            return;
        }
        try
        {
            Model = UncertaintyModel.Load(path);
            logger.LogInformation("Uncertainty model {Path}: {Features} features, threshold {Threshold}, trained {TrainedOn}.",
                path, Model.Names.Count, Model.Threshold, Model.Info.TrainedOn);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException or KeyNotFoundException)
        {
            logger.LogWarning(e, "{Path} could not be read; sentences are analysed without an uncertainty model.", path);
        }
    }

    public UncertaintyModel? Model { get; }

    // The model was trained on English text; other languages get `uncertainty: null` rather than its guesses.
    public const string Language = "en";

    public TextAnalyzer AnalyzerFor(LexiconSnapshot lexicon) =>
        new(lexicon.Matcher, LanguageTags.Normalize(lexicon.Language) == Language ? Model : null);
}
