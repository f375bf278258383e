namespace ClaimTracker.Api.Features.Imports;

public sealed record ImportResponse(
    Guid Id,
    ImportFormat Format,
    ErrorPolicy ErrorPolicy,
    string? FileName,
    ImportStatus Status,
    long LinesRead,
    long LinesLoaded,
    long LinesRejected,
    int NewSources,
    int NewQuestions,
    int NewClaims,
    string? Error,
    IReadOnlyList<ImportResponse.LineErrorItem> Errors,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    long? DurationMs)
{
    public sealed record LineErrorItem(long Line, string Reason);

    public static ImportResponse From(Import i) => new(
        i.Id, i.Format, i.ErrorPolicy, i.FileName, i.Status, i.LinesRead, i.LinesLoaded, i.LinesRejected,
        i.NewSources, i.NewQuestions, i.NewClaims, i.Error, i.Errors.Select(e => new LineErrorItem(e.Line, e.Reason)).ToList(),
        i.CreatedAt, i.FinishedAt, i.DurationMs);
}
