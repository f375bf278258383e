using ClaimTracker.Api.Features.Scoring;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Scoring;
using System.Linq.Expressions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Claims;

// The filters GET /claims and GET /claims/search share, with the same parameter names and the same rules.
public interface IClaimFilter
{
    string? Status { get; }
    string? Source { get; }
    string? Question { get; }
    double? MinProbability { get; }
    double? MaxProbability { get; }
}

// A claim with its truth estimate from the current scoring run (null when the run did not estimate it).
public sealed class EstimatedClaim
{
    public Claim Claim { get; init; } = null!;
    public double? Probability { get; init; }
}

public static class ClaimFilters
{
    public static void AddClaimFilterRules<T>(this AbstractValidator<T> validator) where T : IClaimFilter
    {
        validator.RuleFor(q => q.Status).Must(s => s is null || Split(s).All(v => SnakeCase.TryParse<ClaimStatus>(v, out _)))
            .WithMessage($"'status' is one or more (comma-separated) of {SnakeCase.Names<ClaimStatus>()}.");
        validator.RuleFor(q => q.Source).MaximumLength(Sources.Slugs.MaxLength);
        validator.RuleFor(q => q.Question).Must(Questions.IsValidKey).When(q => q.Question is not null).WithMessage($"'question' is {Questions.KeyRule}.");
        validator.RuleFor(q => q.MinProbability).InclusiveBetween(0, 1).WithMessage("'minProbability' is a probability from 0 to 1.");
        validator.RuleFor(q => q.MaxProbability).InclusiveBetween(0, 1).WithMessage("'maxProbability' is a probability from 0 to 1.");
        validator.RuleFor(q => q).Must(q => q.MinProbability <= q.MaxProbability).When(q => q.MinProbability is not null && q.MaxProbability is not null)
            .OverridePropertyName("maxProbability").WithMessage("'maxProbability' must not be below 'minProbability'.");
    }

    // status: any of the listed; source: id or slug, in any role of any report or in an imported assertion; question: its key; the probability range
    // against the given run's estimates, joined in the same query (claims without an estimate never match a range). sourceId is the
    // source the filter names (SourceIdAsync), looked up beforehand: PostgreSQL plans a busy source's page by the claims index only
    // when it sees the id's value; resolved in a subquery, it walked all of the source's 30,000 claims at 100k (13 → 180 ms).
    public static IQueryable<EstimatedClaim> Apply(this IQueryable<Claim> claims, ClaimTrackerDbContext db, IClaimFilter filter, Guid? sourceId, Guid? runId) =>
        claims.Matching(db, filter, sourceId).Estimated(db.ClaimEstimates.Where(e => e.RunId == runId), filter);

    // As Apply, against the current run, looked up inside the same statement rather than in a round trip of its own.
    public static IQueryable<EstimatedClaim> ApplyForCurrentRun(this IQueryable<Claim> claims, ClaimTrackerDbContext db, IClaimFilter filter, Guid? sourceId) =>
        claims.Matching(db, filter, sourceId).Estimated(
            db.ClaimEstimates.Where(e => e.RunId == db.ScoringState.Where(s => s.Id == ScoringState.SingletonId).Select(s => s.CurrentRunId).FirstOrDefault()), filter);

    // The source a filter names by id or slug (null when it names none); Guid.Empty, which no source has, when no source has that slug.
    public static async Task<Guid?> SourceIdAsync(ClaimTrackerDbContext db, IClaimFilter filter, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(filter.Source) ? null
        : Guid.TryParse(filter.Source, out var id) ? id
        : await db.Sources.Where(s => s.Slug == filter.Source.Trim()).Select(s => s.Id).SingleOrDefaultAsync(ct);

    private static IQueryable<Claim> Matching(this IQueryable<Claim> claims, ClaimTrackerDbContext db, IClaimFilter filter, Guid? sourceId)
    {
        // A merged claim lives on in the claim it was merged into (MergeClaim); listing it too would count it twice.
        claims = claims.Where(c => c.MergedIntoId == null);
        var statuses = Split(filter.Status).Select(SnakeCase.Parse<ClaimStatus>).ToList();
        if (statuses.Count > 0) claims = claims.Where(c => statuses.Contains(c.Status));
        if (sourceId is { } source)
        {
            // A source said a claim in a report's chain or in an imported assertion, affirming or denying it (README, "Bulk import"):
            // source_claims holds those pairs, so a busy source's page is the claims index walked in the page's order,
            // each probed by key, and its count an index range.
            claims = claims.Where(c => db.SourceClaims.Any(s => s.SourceId == source && s.ClaimId == c.Id));
        }
        if (filter.Question?.Trim() is { } key) claims = claims.Where(c => c.Question!.Key == key);
        return claims;
    }

    private static IQueryable<EstimatedClaim> Estimated(this IQueryable<Claim> claims, IQueryable<Features.Scoring.ClaimEstimate> estimates, IClaimFilter filter)
    {
        var rows = from c in claims
                   from e in estimates.Where(e => e.ClaimId == c.Id).DefaultIfEmpty()
                   select new EstimatedClaim { Claim = c, Probability = (double?)e.Probability };
        if (filter.MinProbability is { } min) rows = rows.Where(r => r.Probability >= min);
        if (filter.MaxProbability is { } max) rows = rows.Where(r => r.Probability <= max);
        return rows;
    }

    // The reliability letter of a claim's Admiralty code (AdmiraltyCode): the best band among its reports' origins in the
    // run, F when none was scored. A claim is in band b when an origin has b and none has a better one.
    public static IQueryable<Claim> InBands(this IQueryable<Claim> claims, ClaimTrackerDbContext db, IReadOnlyCollection<Band> bands, Guid? runId)
    {
        if (bands.Count == 0) return claims;
        Expression<Func<Claim, bool>>? predicate = null;
        foreach (var band in bands.Distinct())
        {
            var better = Enum.GetValues<Band>().Where(b => b < band).ToList();
            Expression<Func<Claim, bool>> inBand = c =>
                (band == Band.F || db.SourceScores.Any(s => s.RunId == runId && s.Band == band
                    && c.Reports.Any(r => r.Chain.Any(l => l.Position == 0 && l.SourceId == s.SourceId))))
                && !db.SourceScores.Any(s => s.RunId == runId && better.Contains(s.Band)
                    && c.Reports.Any(r => r.Chain.Any(l => l.Position == 0 && l.SourceId == s.SourceId)));
            predicate = predicate is null ? inBand : Or(predicate, inBand);
        }
        return claims.Where(predicate!);
    }

    public static IEnumerable<string> Split(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static Expression<Func<Claim, bool>> Or(
        Expression<Func<Claim, bool>> left, Expression<Func<Claim, bool>> right)
    {
        var parameter = left.Parameters[0];
        var body = new ParameterReplacer(right.Parameters[0], parameter).Visit(right.Body);
        return Expression.Lambda<Func<Claim, bool>>(Expression.OrElse(left.Body, body), parameter);
    }

    private sealed class ParameterReplacer(ParameterExpression from, ParameterExpression to)
        : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            node == from ? to : base.VisitParameter(node);
    }
}
