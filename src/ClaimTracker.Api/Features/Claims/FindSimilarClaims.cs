using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using Mediator;

namespace ClaimTracker.Api.Features.Claims;

public static class FindSimilarClaims
{
    public const int DefaultLimit = 10;

    public static void Map(IEndpointRouteBuilder claims) =>
        claims.MapPost("/similar", async (Query query, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(query, ct)))
            .WithName("FindSimilarClaims")
            .WithRequestExample(new Query("Kim Jong Un's armoured train has left for Russia", "en", 5))
            .RequireRole(Role.Reader)
            .WithSummary("Find stored claims that say what a text says")
            .WithDescription($"""
                Answers up to `limit` (default {DefaultLimit}, at most {ClaimSimilarity.MaxLimit}) claims whose statement is like `text`, best first, each
                with a `score` (0-1), a `tier` and the `method` that scored it (ClaimTracker:Similarity:Method; "text" = trigram similarity
                averaged with the overlap of full-text lexemes in `language`, a BCP 47 tag, or each claim's own language without it).
                `confirmed`: the score reaches the confirmed threshold and nothing demotes it - the same claim. `suggested`: it reaches the
                suggested threshold, or would be confirmed but `demotions` says why not: the texts differ in a number, year, weekday, month,
                name or negation (`differs_in_number`, ...), one has fewer words than ClaimTracker:Similarity:MinWords (`short_text`), or the
                claim is older than ClaimTracker:Similarity:OldAfterDays (`old_claim`). Merged claims are never candidates.
                Thresholds and their measured precision: README "Similar claims".
                """);

    public sealed record Query(string Text, string? Language = null, int? Limit = null) : IQuery<Response>;

    public sealed record Response(IReadOnlyList<SimilarClaim> Claims);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Text).NotEmpty().Must(t => !string.IsNullOrWhiteSpace(t)).MaximumLength(Claim.MaxStatementLength)
                .WithMessage($"'text' is required: the statement to compare (at most {Claim.MaxStatementLength} characters).");
            RuleFor(q => q.Language).Must(LanguageTags.IsValid).When(q => q.Language is not null).WithMessage($"'language' is {LanguageTags.Rule}.");
            RuleFor(q => q.Limit).InclusiveBetween(1, ClaimSimilarity.MaxLimit).When(q => q.Limit is not null)
                .WithMessage($"'limit' is from 1 to {ClaimSimilarity.MaxLimit}.");
        }
    }

    public sealed class Handler(ClaimSimilarity similarity) : IQueryHandler<Query, Response>
    {
        public async ValueTask<Response> Handle(Query query, CancellationToken ct) =>
            new(await similarity.FindAsync(query.Text.Trim(), query.Language, query.Limit ?? DefaultLimit, null, ct));
    }
}
