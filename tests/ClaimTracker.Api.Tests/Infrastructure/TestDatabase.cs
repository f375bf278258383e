using System.Diagnostics;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Features.Access;
using ClaimTracker.Migrations;
using Npgsql;
using Testcontainers.PostgreSql;

namespace ClaimTracker.Api.Tests.Infrastructure;

// One PostgreSQL server per test run: the one ConnectionStrings__ClaimTracker names (scripts/test.sh starts it),
// or else a Testcontainers PostgreSQL. The real migrations and the lexicon are applied once to a template
// database; every test class then gets its own copy of it (CREATE DATABASE ... TEMPLATE), so classes never
// see each other's rows and run in parallel.
public static class TestDatabase
{
    private static readonly string RunId = Guid.NewGuid().ToString("N")[..8];
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _server;
    private static string? _template;
    private static PostgreSqlContainer? _container;
    private static int _counter;

    // An administrator's key, created once in the template, so that every test database has it.
    public static string AdminKey { get; private set; } = "";

    public static string AdminKeyId => ApiKeyToken.TryParseId(AdminKey, out var id) ? id.ToString() : "";

    public static async Task<string> CreateAsync(bool withSampleStory)
    {
        var template = await TemplateAsync();
        var name = $"ct_test_{RunId}_{Interlocked.Increment(ref _counter)}";
        await ExecuteAsync(_server!, $"CREATE DATABASE {name} TEMPLATE {template}");
        var connectionString = WithDatabase(_server!, name);
        if (withSampleStory)
            await DatabaseSetup.RunAsync(connectionString, SeedFiles.Locate(null), sample: true, TextWriter.Null, CancellationToken.None);
        return connectionString;
    }

    private static readonly TimeSpan AutovacuumWait = TimeSpan.FromMinutes(15);

    public static async Task DropAsync(string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        // FORCE cannot end an autovacuum worker (it runs as the superuser; the tests' role is not one), which a class
        // that wrote much may have started on its database: wait for it to finish. After a million-row import (the
        // import benchmark) that takes minutes, so the wait is long and says what it waits for.
        var waited = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsync(_server!, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && waited.Elapsed < AutovacuumWait)
            {
                if (attempt % 60 == 0)
                    Console.Error.WriteLine($"dropping test database {database}: waiting for its autovacuum worker ({waited.Elapsed.TotalSeconds:N0} s so far)");
                await Task.Delay(500);
            }
        }
    }

    private static async Task<string> TemplateAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_template is not null) return _template;
            _server = await ServerAsync();
            var template = $"ct_template_{RunId}";
            await ExecuteAsync(_server, $"CREATE DATABASE {template}");
            var connectionString = WithDatabase(_server, template);
            await DatabaseSetup.RunAsync(connectionString, SeedFiles.Locate(null), sample: false, TextWriter.Null, CancellationToken.None);
            AdminKey = (await KeyCommands.CreateAsync(connectionString, "test administrator", Role.Admin)).Key;
            // A template must have no open connections while it is copied. DatabaseSetup connects with settings of its
            // own (no time limits), so its pool is not the one of this connection string.
            NpgsqlConnection.ClearAllPools();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => DropTemplate(template);
            return _template = template;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<string> ServerAsync()
    {
        var configured = Environment.GetEnvironmentVariable("ConnectionStrings__ClaimTracker");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;

        _container = new PostgreSqlBuilder("postgres:15-alpine").Build();
        await _container.StartAsync();
        return _container.GetConnectionString();
    }

    private static void DropTemplate(string template)
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            ExecuteAsync(_server!, $"DROP DATABASE IF EXISTS {template} WITH (FORCE)").GetAwaiter().GetResult();
            _container?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        catch (Exception exception)
        {
            Console.Error.WriteLine($"could not drop test template {template}: {exception.Message}");
        }
    }

    private static string WithDatabase(string server, string database) =>
        new NpgsqlConnectionStringBuilder(server) { Database = database, IncludeErrorDetail = true }.ConnectionString;

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
