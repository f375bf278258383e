using ClaimTracker.Api.Infrastructure;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Access;

public static class CreateApiKey
{
    public static void Map(IEndpointRouteBuilder keys) =>
        keys.MapPost("/", async (Command command, ISender sender, CancellationToken ct) =>
            {
                var created = await sender.Send(command, ct);
                return TypedResults.Created($"/keys/{created.ApiKey.Id}", created);
            })
            .WithName("CreateApiKey")
            .RequireRole(Role.Admin)
            .WithSummary("Create an API key (administrative)")
            .WithDescription($"Roles: reader (reads), editor (also records claims, reports, evidence, resolutions, articles and imports), admin (also sources, the lexicon, keys, re-scoring and the audit log). The answer's 'key' is the only time the key is shown: send it as the {ApiKeyAuthentication.Header} header. 'replace': true revokes the other active keys of the same name.")
            .WithRequestExample(new Command("Newsroom ingest script", Role.Editor))
            .ProducesWriteProblems();

    // Replace revokes the other active keys of the same name: the run script's key, renewed at every start.
    public sealed record Command(string Name, Role? Role, bool Replace = false) : ICommand<Response>;

    // The only time the key itself is shown.
    public sealed record Response(ApiKeyResponse ApiKey, string Key);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty().MaximumLength(ApiKey.MaxNameLength)
                .Must(n => n is null || !n.Any(char.IsControl)).WithMessage("'name' may not contain control characters.");
            RuleFor(c => c.Role).NotNull().WithMessage($"'role' is one of {SnakeCase.Names<Role>()}.");
        }
    }

    public sealed class Handler(ClaimTrackerDbContext db, Caller caller, TimeProvider clock) : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken ct)
        {
            var name = command.Name.Trim();
            var now = clock.GetUtcNow();
            if (command.Replace)
                foreach (var old in await db.ApiKeys.Where(k => k.Name == name && k.RevokedAt == null).ToListAsync(ct))
                    old.Revoke(caller.Current.Id, now);

            var (key, token) = ApiKey.Create(name, command.Role!.Value, caller.Current.Id, now);
            db.ApiKeys.Add(key);
            await db.SaveChangesAsync(ct);
            return new Response(ApiKeyResponse.Of(key), token);
        }
    }
}
