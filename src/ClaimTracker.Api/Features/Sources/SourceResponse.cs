using System.Linq.Expressions;
using ClaimTracker.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Sources;

public sealed record SourceResponse(
    Guid Id,
    string Slug,
    string Name,
    SourceKind Kind,
    string? Homepage,
    string? Country,
    IReadOnlyList<string> Aliases,
    SourceLink? Scope,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    TrackRecordResponse TrackRecord,
    SourceLink? MemberOf) : IVersioned;

public sealed record SourceLink(Guid Id, string Slug, string Name);

// A source beside its track record, still composable: filter and sort on it, then project.
public sealed class SourceRow
{
    public required Source Source { get; init; }
    public required SourceTrackRecord Track { get; init; }

    public static readonly Expression<Func<SourceRow, SourceResponse>> ToResponse = row => new SourceResponse(
        row.Source.Id, row.Source.Slug, row.Source.Name, row.Source.Kind, row.Source.Homepage, row.Source.Country,
        row.Source.Aliases,
        row.Source.Scope == null ? null : new SourceLink(row.Source.Scope.Id, row.Source.Scope.Slug, row.Source.Scope.Name),
        row.Source.Version, row.Source.CreatedAt, row.Source.UpdatedAt,
        new TrackRecordResponse(
            row.Track.Originated, row.Track.Relayed, row.Track.Confirmed, row.Track.PartlyConfirmed,
            row.Track.Contradicted, row.Track.Disputed, row.Track.Pending, row.Track.Unresolvable,
            row.Track.Accuracy, row.Track.SampleSize),
        row.Source.MemberOf == null ? null : new SourceLink(row.Source.MemberOf.Id, row.Source.MemberOf.Slug, row.Source.MemberOf.Name));
}

public static class SourceQueries
{
    public static IQueryable<SourceRow> SourceRows(this ClaimTrackerDbContext db) =>
        from source in db.Sources.AsNoTracking()
        join track in db.TrackRecords on source.Id equals track.SourceId
        select new SourceRow { Source = source, Track = track };
}
