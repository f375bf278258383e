using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClaimTracker.Api.Features.Scoring;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;
using ClaimTracker.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace ClaimTracker.Api.Tests.Scoring;

// Every parameter of the scoring library is set from ClaimTracker:Scoring, recorded whole with each run, and checked
// when the API starts.
public sealed class ScoringParametersTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    // A valid value, other than the default, for each parameter.
    private static readonly Dictionary<string, string> NotDefault = new()
    {
        ["PriorAlpha"] = "3", ["PriorBeta"] = "1.5", ["PriorStrength"] = "4", ["HalfLifeDays"] = "365",
        ["OriginWeight"] = "0.9", ["RelayWeight"] = "0.4", ["PublisherWeight"] = "0.2", ["MaxIterations"] = "40",
        ["Tolerance"] = "0.001", ["MinimumSampleForBand"] = "2", ["BandA"] = "0.95", ["BandB"] = "0.8", ["BandC"] = "0.65",
        ["BandD"] = "0.45", ["DefaultBaseRate"] = "0.6", ["ReliabilityClamp"] = "0.02", ["CopyMinSharedClaims"] = "6",
        ["CopyMinAgreement"] = "0.9", ["CopyMinCoverage"] = "0.7", ["CopyMaxVotersPerClaim"] = "40", ["MaxExplanation"] = "7",
        ["MaxDegreeOfParallelism"] = "1", ["NonConclusiveWeight"] = "0.4", ["InterestedWeight"] = "0.1",
        ["PushBoundQuantile"] = "0.9", ["DecayReference"] = "SourceNewestOutcome",
    };

    // How the API shows each value: numbers as numbers, the enum by its snake_case name.
    private static string Shown(KeyValuePair<string, string> p) =>
        p.Key == "DecayReference" ? JsonValue.Create("source_newest_outcome").ToJsonString() : Number(p.Value).ToJsonString();

    private static readonly string[] LibraryParameters = typeof(ScoringParameters).GetProperties().Select(p => p.Name).Order().ToArray();

    [Fact]
    public async Task EveryLibraryParameter_IsConfigurable_AndEchoedInTheRunRecord()
    {
        Assert.Equal(LibraryParameters, NotDefault.Keys.Order().ToArray());
        var defaults = JsonSerializer.SerializeToNode(new ScoringParameters())!.AsObject();
        Assert.All(NotDefault.Where(p => p.Key != "DecayReference"), p => Assert.NotEqual(defaults[p.Key]?.ToJsonString(), Number(p.Value).ToJsonString()));
        Assert.NotEqual(DecayReference.SourceNewestOutcome, new ScoringParameters().DecayReference);

        await using var instance = api.AnotherInstance(NotDefault.ToDictionary(p => $"{ScoringOptions.Section}:{p.Key}", p => (string?)p.Value));
        var client = instance.CreateClient();
        var queued = await client.PostAsync("/scoring/runs", null).ExpectAsync<RunResponse>(HttpStatusCode.Accepted);
        var run = await ScoringCalls.WaitAsync(client, queued.Id);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(queued.RequestedAt, run.AsOf);
        var echoed = JsonNode.Parse(await client.GetStringAsync($"/scoring/runs/{run.Id}"))!["parameters"]!.AsObject();
        Assert.Equal(LibraryParameters.Select(JsonNamingPolicy.CamelCase.ConvertName).Order(), echoed.Select(p => p.Key).Order());
        Assert.All(NotDefault, p => Assert.Equal(Shown(p), echoed[JsonNamingPolicy.CamelCase.ConvertName(p.Key)]!.ToJsonString()));
    }

    [Fact]
    public async Task AnEmptySetting_MeansTheDefault()
    {
        await using var instance = api.AnotherInstance(new Dictionary<string, string?>
        {
            [$"{ScoringOptions.Section}:HalfLifeDays"] = "",
            [$"{ScoringOptions.Section}:MaxDegreeOfParallelism"] = " ",
            [$"{ScoringOptions.Section}:PriorAlpha"] = "",
            [$"{ScoringOptions.Section}:MaxExplanation"] = "3",
        });

        var queued = await instance.CreateClient().PostAsync("/scoring/runs", null).ExpectAsync<RunResponse>(HttpStatusCode.Accepted);

        Assert.Equal(new ScoringParameters { MaxExplanation = 3 }, queued.Parameters);
    }

    [Theory]
    [InlineData("HalfLifeDays", "0", "HalfLifeDays must be positive")]
    [InlineData("BandA", "0.5", "Band thresholds must fall from BandA to BandD")]
    [InlineData("PriorAlpha", "2", "PriorAlpha and PriorBeta are given together")]
    [InlineData("MaxDegreeOfParallelism", "0", "MaxDegreeOfParallelism must be empty (all cores) or at least 1")]
    [InlineData("CopyMaxVotersPerClaim", "1", "CopyMaxVotersPerClaim must be at least 2")]
    [InlineData("Tolerance", "a little", "'Tolerance'")]
    public async Task ABadValue_StopsTheApiFromStarting_NamingIt(string key, string value, string message)
    {
        // The API's own services on a bare host: a failed WebApplicationFactory start may surface as another error.
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ClaimTrackerServices.ConnectionStringName}"] = api.ConnectionString,
            [$"{ScoringOptions.Section}:{key}"] = value,
        });
        builder.Services.AddClaimTrackerCore();
        using var host = builder.Build();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        var messages = Messages(error).ToList();
        Assert.True(messages.Any(m => m.Contains(ScoringOptions.Section) && m.Contains(message)), string.Join(Environment.NewLine, messages));
    }

    [Fact]
    public async Task GoodValues_StartTheApi()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(NotDefault.ToDictionary(p => $"{ScoringOptions.Section}:{p.Key}", p => (string?)p.Value));
        builder.Services.AddClaimTrackerCore();
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();
    }

    // Runs recorded before the parameters were whole: twelve of them, with AsOf among them.
    [Fact]
    public async Task AnOldRun_IsMigratedToTheWholeParameterSet_WithItsAsOf()
    {
        var server = new NpgsqlConnectionStringBuilder(api.ConnectionString);
        var name = $"ct_migration_{Guid.NewGuid():N}";
        await ExecuteAsync(server.ConnectionString, $"CREATE DATABASE {name}");
        server.Database = name;
        try
        {
            await using var db = new ClaimTrackerDbContext(new DbContextOptionsBuilder<ClaimTrackerDbContext>()
                .UseNpgsql(server.ConnectionString, npgsql => npgsql.MigrationsAssembly("ClaimTracker.Migrations"))
                .UseSnakeCaseNamingConvention().Options);
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync("IdempotencyOwner");
            var id = Guid.NewGuid();
            await ExecuteAsync(server.ConnectionString, $$"""
                INSERT INTO scoring_runs (id, trigger, status, stage, done, total, host, requested_at, parameters)
                VALUES ('{{id}}', 'manual', 'succeeded', 'done', 0, 0, 'old', '2026-11-28T12:00:00.5+00:00', '{
                    "PriorAlpha": null, "PriorBeta": null, "PriorStrength": 2, "HalfLifeDays": 365, "OriginWeight": 1,
                    "RelayWeight": 0.5, "PublisherWeight": 0.25, "MaxIterations": 50, "Tolerance": 0.0001,
                    "MinimumSampleForBand": 3, "MaxDegreeOfParallelism": 2, "MaxExplanation": 5,
                    "AsOf": "2026-11-28T12:00:00.25+00:00"}')
                """);

            await migrator.MigrateAsync();

            var run = await db.ScoringRuns.AsNoTracking().SingleAsync(r => r.Id == id);
            // The whole set as those runs computed: the evidence factors and the push bound came later, with no effect then.
            Assert.Equal(new ScoringParameters
            {
                HalfLifeDays = 365, MaxDegreeOfParallelism = 2, MaxIterations = 50, NonConclusiveWeight = 1, InterestedWeight = 1,
                DecayReference = DecayReference.AsOf, PushBoundQuantile = 0,
            }, run.Parameters);
            Assert.Equal(new DateTimeOffset(2026, 11, 28, 12, 0, 0, 250, TimeSpan.Zero), run.AsOf);
            var stored = await db.Database.SqlQuery<string>($"SELECT key AS \"Value\" FROM scoring_runs, jsonb_object_keys(parameters) AS key WHERE id = {id}").ToListAsync();
            Assert.Equal(LibraryParameters, stored.Order().ToArray());
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(api.ConnectionString, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static JsonNode Number(string value) => JsonValue.Create(double.Parse(value, CultureInfo.InvariantCulture));

    private static IEnumerable<string> Messages(Exception e) =>
        e is AggregateException all ? all.InnerExceptions.SelectMany(Messages)
        : e.InnerException is null ? [e.Message] : [e.Message, .. Messages(e.InnerException)];
}
