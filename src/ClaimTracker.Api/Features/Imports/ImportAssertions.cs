using ClaimTracker.Api.Features.Audit;
using ClaimTracker.Api.Features.Lexicon;
using ClaimTracker.Api.Infrastructure;
using System.Diagnostics;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Api.Features.Imports;

// Bulk import of assertions from archives and benchmark data sets. The import row is committed first and its
// progress on connections of its own, so that GET /imports/{id} shows it while the file streams in; the file's
// rows are loaded in one transaction of their own. So this is not an ICommand: the TransactionBehavior that
// wraps a command in one transaction would hide the progress and take the failure record down with the file.
public static class ImportAssertions
{
    public sealed record Command(ImportFormat Format, string? Errors, string? Name, Stream Body) : IRequest<ImportResponse>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Errors).Must(e => e is null || SnakeCase.TryParse<ErrorPolicy>(e, out _))
                .WithMessage($"'errors' is one of {SnakeCase.Names<ErrorPolicy>()}.");
            RuleFor(c => c.Name).MaximumLength(Import.MaxFileNameLength)
                .Must(n => n is null || !n.Any(char.IsControl)).WithMessage("'name' may not contain control characters.");
        }
    }

    public sealed class Handler(
        ClaimTrackerDbContext db, LexiconCache lexicon, IOptions<ImportOptions> options, IServiceScopeFactory scopes,
        IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<ImportStaging> logger, AuditLog audit, IdempotencyClaim idempotency)
        : IRequestHandler<Command, ImportResponse>
    {
        public async ValueTask<ImportResponse> Handle(Command command, CancellationToken ct)
        {
            var file = await AssertionFile.OpenAsync(command.Body, command.Format, options.Value.MaxBodyBytes, ct);
            var policy = command.Errors is null ? ErrorPolicy.RejectFile : SnakeCase.Parse<ErrorPolicy>(command.Errors);
            var import = new Import(command.Format, policy, string.IsNullOrWhiteSpace(command.Name) ? null : command.Name.Trim(), clock.GetUtcNow());
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                db.Imports.Add(import);
                audit.Stage(nameof(ImportAssertions), new AuditChange("imports", import.Id.ToString(), ChangeKind.Added));
                await db.SaveChangesAsync(ct);
                await idempotency.MarkCommittedAsync(db, ct);
                await transaction.CommitAsync(ct);
            }

            var errors = new LineErrors();
            var progress = new ImportProgress(db.Database.GetConnectionString()!, import.Id);
            try
            {
                var hedges = new HedgeConfidence(await lexicon.GetAsync(db, LanguageTags.Default, ct));
                await using var staging = await ImportStaging.CreateAsync(db, logger, ct);
                var watch = Stopwatch.StartNew();
                var linesRead = await staging.ReceiveAsync(file, policy, errors, hedges, progress, ct);
                var received = watch.Elapsed;

                // The whole file is in: finish even if the client stops waiting (GET /imports/{id} has the outcome).
                var stopping = lifetime.ApplicationStopping;
                import.StartLoading(linesRead);
                await db.SaveChangesAsync(stopping);
                if (policy == ErrorPolicy.SkipLine || errors.Total == 0) await staging.CheckResolutionsAsync(policy, errors, stopping);

                if (policy == ErrorPolicy.RejectFile && errors.Total > 0)
                {
                    import.Fail(
                        $"{errors.Total} of {linesRead} lines are invalid, and with errors=reject_file one bad line rejects the file: nothing was loaded. "
                        + "Fix the lines listed, or send errors=skip_line to load the valid ones.",
                        linesRead, errors, clock.GetUtcNow());
                    await db.SaveChangesAsync(stopping);
                }
                else
                {
                    await staging.LoadAsync(import, errors, clock.GetUtcNow(), stopping);
                }
                logger.LogInformation("Import {Import} {Status}: {Lines} lines received and staged in {Received} ms, loaded in {Loaded} ms",
                    import.Id, SnakeCase.Name(import.Status), linesRead, (long)received.TotalMilliseconds, (long)(watch.Elapsed - received).TotalMilliseconds);
            }
            catch (Exception exception)
            {
                await RecordFailureAsync(import.Id, Describe(exception, progress.LinesRead), progress.LinesRead, errors);
                if (import.Status != ImportStatus.Succeeded) await idempotency.UnmarkAsync(db); // nothing loaded: a retry may run
                throw;
            }
            // As GET /imports/{id} shows it, times at the database's precision.
            return ImportResponse.From(await db.Imports.AsNoTracking().FirstAsync(i => i.Id == import.Id, CancellationToken.None));
        }

        // In a scope of its own: the request's DbContext may hold a broken connection or a rolled-back state.
        private async Task RecordFailureAsync(Guid importId, string error, long linesRead, LineErrors errors)
        {
            await using var scope = scopes.CreateAsyncScope();
            var fresh = scope.ServiceProvider.GetRequiredService<ClaimTrackerDbContext>();
            var import = await fresh.Imports.FirstAsync(i => i.Id == importId, CancellationToken.None);
            if (import.Status is ImportStatus.Succeeded or ImportStatus.Failed) return;
            import.Fail(error, linesRead, errors, clock.GetUtcNow());
            await fresh.SaveChangesAsync(CancellationToken.None);
        }

        private string Describe(Exception exception, long linesRead) => exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                $"The body is larger than the import limit of {options.Value.MaxBodyBytes} bytes (ClaimTracker:Imports:MaxBodyBytes). Nothing was loaded.",
            BadHttpRequestException or IOException or OperationCanceledException =>
                $"The upload stopped after {linesRead} lines, before the end of the file. Nothing was loaded.",
            _ => $"The import failed on the server after {linesRead} lines; the error has been logged. Nothing was loaded.",
        };
    }
}

public sealed class ImportOptions
{
    public const string Section = "ClaimTracker:Imports";

    // Archives and benchmark data sets run to hundreds of megabytes. The body is streamed, never held in memory,
    // so the limit guards the disk and the time one upload can take rather than memory.
    public long MaxBodyBytes { get; set; } = 2L * 1024 * 1024 * 1024;
}
