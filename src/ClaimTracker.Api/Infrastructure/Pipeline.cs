using ClaimTracker.Api.Features.Audit;
using FluentValidation;
using Mediator;

namespace ClaimTracker.Api.Infrastructure;

public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
            failures.AddRange((await validator.ValidateAsync(message, cancellationToken)).Errors);
        if (failures.Count > 0) throw new ValidationException(failures);
        return await next(message, cancellationToken);
    }
}

// A command whose endpoint answers with the handler's result and nothing else read or written after it. With an
// Idempotency-Key, its transaction stays open until the answer is kept, and commits in the same round trip.
public interface ICommitsWithItsAnswer;

// A command either writes everything or nothing: it runs in one transaction, committed only when the
// handler returns a result (null means "not found", so whatever it may have staged is rolled back).
// A transaction PostgreSQL aborts for colliding with a concurrent one wrote nothing and is run again (Collisions).
// A caller that already opened a transaction (the seed loader) keeps control of it. The audit entry for the
// command (who, which operation, which rows) is written in the same transaction, and so is the mark that the
// request's Idempotency-Key, if any, has had its effect (and for an ICommitsWithItsAnswer, the answer kept for it).
public sealed class TransactionBehavior<TMessage, TResponse>(
    ClaimTrackerDbContext db, AuditTrail trail, AuditLog audit, IdempotencyClaim idempotency)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IBaseCommand
{
    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null) return await next(message, cancellationToken);

        return await Collisions.RetryAsync(async () =>
        {
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var handedOver = false;
            try
            {
                // A failed statement fails the whole command, so EF's savepoint around each SaveChanges (two more round
                // trips each) would only ever be rolled back to with the transaction.
                db.Database.AutoSavepointsEnabled = false;
                var response = await next(message, cancellationToken);
                if (response is not null)
                {
                    audit.Stage(AuditLog.ActionOf(typeof(TMessage)));
                    await db.SaveChangesAsync(cancellationToken);
                    await idempotency.MarkCommittedAsync(db, cancellationToken);
                    handedOver = message is ICommitsWithItsAnswer && idempotency.TakeCommit(transaction);
                    if (!handedOver) await transaction.CommitAsync(cancellationToken);
                }
                return response;
            }
            finally
            {
                if (!handedOver) await transaction.DisposeAsync();
            }
        }, () =>
        {
            db.ChangeTracker.Clear();
            trail.Clear();
            idempotency.RolledBack();
        }, cancellationToken);
    }
}
