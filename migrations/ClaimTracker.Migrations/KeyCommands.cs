using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Infrastructure;
using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClaimTracker.Migrations;

// API keys from the command line, for the first administrator key and for operators: the same commands as
// POST /keys and POST /keys/{id}/revoke, recorded in the audit log as cli:<user>.
public static class KeyCommands
{
    public const string Usage = """
               ClaimTracker.Migrations keys create --name NAME --role reader|editor|admin [--replace] [--quiet]
               ClaimTracker.Migrations keys list [--all]
               ClaimTracker.Migrations keys revoke KEY-ID
        """;

    public static async Task<int> RunAsync(string[] args, string connectionString, TextWriter output, TextWriter errors)
    {
        switch (args.FirstOrDefault())
        {
            case "create" when Option(args, "--name") is { } name && Option(args, "--role") is { } roleText:
                if (!SnakeCase.TryParse<Role>(roleText, out var role))
                {
                    errors.WriteLine($"--role is one of {SnakeCase.Names<Role>()}.");
                    return 2;
                }
                var created = await CreateAsync(connectionString, name, role, args.Contains("--replace"));
                if (args.Contains("--quiet"))
                {
                    output.WriteLine(created.Key);
                }
                else
                {
                    output.WriteLine($"created {SnakeCase.Name(role)} key '{created.ApiKey.Name}' ({created.ApiKey.Id}); it is shown only now:");
                    output.WriteLine(created.Key);
                }
                return 0;
            case "list":
                var keys = await SendAsync<PagedList<ApiKeyResponse>>(connectionString, new ListApiKeys.Query(args.Contains("--all"), 1, Paging.MaxPageSize, null));
                foreach (var key in keys.Items)
                    output.WriteLine($"{key.Id}  {SnakeCase.Name(key.Role),-6}  {key.CreatedAt:u}  {(key.RevokedAt is null ? "active " : "revoked")}  {key.Name}");
                if (keys.Total > keys.Items.Count) output.WriteLine($"... and {keys.Total - keys.Items.Count} more (GET /keys pages through them)");
                return 0;
            case "revoke" when args.Length == 2 && Guid.TryParse(args[1], out var id):
                var revoked = await SendAsync<ApiKeyResponse?>(connectionString, new RevokeApiKey.Command(id));
                if (revoked is null)
                {
                    errors.WriteLine($"There is no key {id}.");
                    return 1;
                }
                output.WriteLine($"revoked key '{revoked.Name}' ({revoked.Id})");
                return 0;
            default:
                errors.WriteLine(Usage);
                return 2;
        }
    }

    public static Task<CreateApiKey.Response> CreateAsync(string connectionString, string name, Role role, bool replace = false) =>
        SendAsync<CreateApiKey.Response>(connectionString, new CreateApiKey.Command(name, role, replace));

    private static async Task<T> SendAsync<T>(string connectionString, IMessage message)
    {
        await using var services = CommandLineRun.Services(connectionString);
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().Use(Actor.CommandLine());
        return (T)(await scope.ServiceProvider.GetRequiredService<ISender>().Send(message))!;
    }

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
