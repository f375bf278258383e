using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace ClaimTracker.Api.Tests.Infrastructure;

// The API, configured and with clients as ApiFactory makes them, on a database the test chose (a private cluster, an
// address where nothing listens) instead of a copy of the template. Made with new, not as a class fixture, so that
// ApiFactory's InitializeAsync and its database drop never run; dispose it with await using.
public sealed class StandaloneApiFactory : ApiFactory
{
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public StandaloneApiFactory(string connectionString, IReadOnlyDictionary<string, string?>? settings = null)
    {
        ConnectionString = connectionString;
        _settings = settings ?? new Dictionary<string, string?>();
    }

    protected override IReadOnlyDictionary<string, string?> Settings => _settings;

    // An administrator key of the chosen database (the template's test key is not in it).
    public string? Key { get; init; }

    protected override string AdminKey => Key ?? TestDatabase.AdminKey;

    public ErrorLog Errors { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Errors));
    }
}
