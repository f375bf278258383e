using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Features.Articles;
using ClaimTracker.Api.Features.Audit;
using ClaimTracker.Api.Features.Lexicon;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimTracker.Api.Features.Claims;

public static class RecordClaim
{
    public const int MaxTopics = 20;

    public static void Map(IEndpointRouteBuilder claims) =>
        claims.MapPost("/", async Task<Results<Created<ClaimResponse>, Ok<ClaimResponse>>> (Command command, ISender sender, CancellationToken ct) =>
            {
                var (claim, created) = await sender.Send(command, ct);
                return created ? TypedResults.Created($"/claims/{claim.Id}", claim) : TypedResults.Ok(claim);
            })
            .WithName("RecordClaim")
            .RequireRole(Role.Editor)
            .WithETag()
            .AcceptsIdempotencyKey()
            .WithSummary("Record a hedged claim with its first report")
            .WithDescription("""
                The report names its article (by id, by URL, or inline), the attribution chain from origin to publisher (the article's syndication source and publisher are added when missing), and its hedge words. Without 'statedConfidence', the hedge words found in the quote and given in 'hedgeWords' set it through the lexicon; each report lists the cues and the rule used. 'parties' names the sources the claim is about (by id, slug or inline, like a chain's links): evidence from them or their members is interested.

                'question' (a key, created when new, with 'questionText') makes the claim one answer of a question whose answers exclude each other ("Where will Kim meet Putin?").

                The 201 answer lists in 'similar' the stored claims like the new one (the candidates of POST /claims/similar, at most 5), each with its score and tier. With "onSimilar": "reject" a 'confirmed' match refuses the claim: 409 with the matching claim's id in 'existingId' and its address in Location (the default, "record", records it and lists the match).

                No silent duplicates: a claim whose statement equals a stored one in the same question (or among claims without a question), ignoring case, spacing, quote marks and a final full stop, is answered 409 with the stored claim's id in 'existingId' and its address in Location. With "onDuplicate": "add_report" the report is added to the stored claim instead, and the answer is 200 with it.
                """)
            .WithRequestExample(SampleStory.C5)
            .ProducesWriteProblems();

    public sealed record Command(
        string Statement, IReadOnlyList<string>? Topics, ReportInput Report,
        string? Question = null, string? QuestionText = null, DuplicatePolicy? OnDuplicate = null,
        IReadOnlyList<SourceRef>? Parties = null, SimilarPolicy? OnSimilar = null) : ICommand<Recorded>, ICommitsWithItsAnswer;

    // Record: the claim is recorded and its similar claims listed. Reject: a confirmed similar claim refuses it (409).
    public enum SimilarPolicy { Record, Reject }

    public const int SimilarLimit = 5;

    // Reject: 409 with the stored claim. AddReport: the report goes to the stored claim (200).
    public enum DuplicatePolicy { Reject, AddReport }

    public sealed record Recorded(ClaimResponse Claim, bool Created);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Statement).NotEmpty().MaximumLength(Claim.MaxStatementLength);
            RuleFor(c => c.Topics).Must(t => t is null || t.Count <= MaxTopics).WithMessage($"At most {MaxTopics} topics.");
            RuleForEach(c => c.Topics).NotEmpty().MaximumLength(50).Matches("^[\\p{L}\\p{N}][\\p{L}\\p{N} _-]*$")
                .WithMessage("A topic is a short tag of letters, digits, spaces, '-' or '_'.");
            RuleFor(c => c.Report).NotNull().SetValidator(new ReportInput.Validator());
            RuleFor(c => c.Parties).Must(p => p is null || p.Count <= ClaimParty.MaxPerClaim).WithMessage($"At most {ClaimParty.MaxPerClaim} parties.");
            RuleForEach(c => c.Parties).NotNull().SetValidator(new SourceRef.Validator());
            RuleFor(c => c.Question).Must(Questions.IsValidKey).When(c => c.Question is not null).WithMessage($"'question' is {Questions.KeyRule}.");
            RuleFor(c => c.QuestionText).MaximumLength(Claim.MaxStatementLength);
            RuleFor(c => c.QuestionText).Null().When(c => c.Question is null).WithMessage("'questionText' needs 'question', the key it describes.");
        }
    }

    // A transaction-scoped lock on the statement's key keeps two concurrent requests from both creating the claim.
    // Round trips, as a create is the API's most frequent write: what the create must know before it writes (the lock and
    // the stored claim, the lexicon version, whether the article's URL is stored, the sources it names, the similar claims) is asked in one
    // batch; the audit entry, the idempotency mark and the read of the answer go in one batch after the writes.
    public sealed class Handler(
        ClaimTrackerDbContext db, ReportFactory reports, SourceResolver sources, ClaimSimilarity similarity, ClaimEmbeddings embeddings,
        AuditLog audit, IdempotencyClaim idempotency, TimeProvider clock)
        : ICommandHandler<Command, Recorded>
    {
        public async ValueTask<Recorded> Handle(Command command, CancellationToken ct)
        {
            var questionId = command.Question is null ? (Guid?)null
                : await db.FindOrCreateAsync(command.Question, command.QuestionText, clock, ct);
            var statement = command.Statement.Trim();
            var known = await LookAheadAsync(command, statement, questionId, ct);
            if (known.Existing is { } id)
            {
                if (command.OnDuplicate != DuplicatePolicy.AddReport)
                    throw new DuplicateException(id, $"/claims/{id}",
                        $"Claim {id} already states this{(command.Question is null ? "" : $" in question '{command.Question.Trim()}'")}. " +
                        "Add this report to it (POST /claims/{id}/reports, or send \"onDuplicate\": \"add_report\"), or word the claim differently if it is another claim.");
                var stored = (await db.LockClaimAsync(id, ct))!;
                stored.AddReport(await reports.CreateAsync(command.Report, "report", ct, known.LexiconVersion, known.UrlUnknown), clock.GetUtcNow());
                await db.SaveChangesAsync(ct);
                return new Recorded(await AnswerAsync(id, ct), Created: false);
            }

            // The report first: its article's language is the claim's, which lets the similar-claims lookup use the
            // full-text index (a refusal below rolls the article back with the rest of the transaction).
            var parties = await sources.ResolvePartiesAsync(command.Parties, ct);
            var report = await reports.CreateAsync(command.Report, "report", ct, known.LexiconVersion, known.UrlUnknown);
            // Found among the tracked entities: the factory has just read or created it.
            var language = LanguageTags.Normalize((await db.Articles.FindAsync([report.ArticleId], ct))?.Language ?? LanguageTags.Default);
            // Looked up in the first batch for the language the article was expected to have; asked again if it has another.
            var similar = known.Similar is { } scored && known.Language == language
                ? similarity.Classify(statement, scored)
                : await similarity.FindAsync(statement, language, SimilarLimit, null, ct);
            if (command.OnSimilar == SimilarPolicy.Reject && similar.FirstOrDefault(s => s.Tier == SimilarityTier.Confirmed) is { } match)
                throw new DuplicateException(match.Id, $"/claims/{match.Id}",
                    $"Claim {match.Id} (\"{match.Statement}\") says the same (similarity {match.Score:0.###}, confirmed). " +
                    "Add this report to it (POST /claims/{id}/reports), or send \"onSimilar\": \"record\" if it is another claim.");

            var claim = Claim.Record(command.Statement, command.Topics ?? [], questionId, report, clock.GetUtcNow(), parties.Select(p => p.Id));
            db.Claims.Add(claim);
            await db.SaveChangesAsync(ct);
            await embeddings.EnsureAsync([claim.Id], ct);
            return new Recorded(await AnswerAsync(claim.Id, ct) with { Similar = similar }, Created: true);
        }

        private sealed record Known(Guid? Existing, int LexiconVersion, bool UrlUnknown, string Language, IReadOnlyList<ScoredClaim>? Similar);

        private async Task<Known> LookAheadAsync(Command command, string statement, Guid? questionId, CancellationToken ct)
        {
            var article = command.Report.Article;
            var url = article.Url is { } given ? CanonicalUrl.Create(given) : null;
            // The language a new article by URL will have; an article by id, or one already stored, may have another.
            var language = LanguageTags.Normalize(article.Language ?? LanguageTags.Default);
            await using var batch = db.CreateBatch();
            ClaimQueries.AddStatementLock(batch, command.Statement, questionId);
            batch.Add(new Npgsql.NpgsqlBatchCommand(LexiconVersions.CurrentSql));
            batch.Add(Batches.Command($"SELECT EXISTS (SELECT 1 FROM articles WHERE url = {url})"));
            var report = command.Report;
            var named = SourceResolver.ReadNamed([article.Publisher, article.SyndicatedFrom,
                .. (report.Chain ?? []).Select(l => l.Source), .. command.Parties ?? []]);
            if (named is not null) batch.Add(named);
            var similar = batch.BatchCommands.Count;
            if (similarity.TryBatchedQuery(statement, language, SimilarLimit, null) is { } query) batch.Add(query);

            await using var reader = await batch.ExecuteReaderAsync(ct);
            var existing = await ClaimQueries.ReadStatementLockAsync(reader, ct);
            await reader.ReadAsync(ct);
            var version = reader.GetInt32(0);
            await reader.NextResultAsync(ct);
            await reader.ReadAsync(ct);
            var urlUnknown = url is not null && !reader.GetBoolean(0);
            await reader.NextResultAsync(ct);
            if (named is not null)
            {
                while (await reader.ReadAsync(ct)) db.Track<Source>(reader);
                await reader.NextResultAsync(ct);
            }
            var scored = batch.BatchCommands.Count > similar ? await TextSimilarity.ReadAsync(reader, ct) : null;
            return new Known(existing, version, urlUnknown, language, scored);
        }

        private async Task<ClaimResponse> AnswerAsync(Guid id, CancellationToken ct)
        {
            await using var batch = db.CreateBatch();
            audit.AddEntry(batch, AuditLog.ActionOf(typeof(Command)));
            var mark = idempotency.AddMark(batch);
            batch.Add(ClaimRead.Command(id));
            await using var reader = await batch.ExecuteReaderAsync(ct);
            // The read's result is the batch's last: the entry and the mark return none.
            var answer = await ClaimRead.ReadAsync(reader, ct);
            await reader.CloseAsync();
            idempotency.Marked(mark);
            return answer!;
        }
    }
}
