using FluentValidation;
using Mediator;

namespace ClaimTracker.Api.Infrastructure;

// Every command and query is validated here, once, before its handler runs.
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

// A command either writes everything or nothing: it runs in one transaction, committed only when the
// handler returns a result (null means "not found", so whatever it may have staged is rolled back).
// A caller that already opened a transaction (the seed loader) keeps control of it.
public sealed class TransactionBehavior<TMessage, TResponse>(ClaimTrackerDbContext db)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IBaseCommand
{
    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null) return await next(message, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var response = await next(message, cancellationToken);
        if (response is not null) await transaction.CommitAsync(cancellationToken);
        return response;
    }
}
