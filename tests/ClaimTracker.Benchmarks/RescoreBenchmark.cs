using System.Diagnostics;
using ClaimTracker.Api.Features.Scoring;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ClaimTracker.Benchmarks;

// The whole re-score against the database, at 1,000,000 votes over 200,000 claims and 20,000 sources, timed in the
// same run as the floor it is compared to: one plain SQL aggregate pass over the same votes (the database reading
// them once). Not BenchmarkDotNet: one cold database, a few repetitions, wall-clock seconds and peak memory.
public static class RescoreBenchmark
{
    public static async Task<int> RunAsync(string[] args, TextWriter log)
    {
        int Arg(string name, int fallback) => args.SkipWhile(a => a != name).Skip(1).Select(int.Parse).DefaultIfEmpty(fallback).First();
        var (sources, claims, votes, repeats) = (Arg("--sources", 20_000), Arg("--claims", 200_000), Arg("--votes", 1_000_000), Arg("--repeat", 3));
        var server = Environment.GetEnvironmentVariable("ConnectionStrings__ClaimTracker")
            ?? throw new InvalidOperationException("Set ConnectionStrings__ClaimTracker (scripts/benchmark.sh does).");

        var database = $"ct_bench_{DateTime.UtcNow:yyyyMMddHHmmss}";
        await ExecuteAsync(server, $"CREATE DATABASE {database}");
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database, CommandTimeout = 600 }.ConnectionString;
        try
        {
            log.WriteLine($"==> database {database}: migrations, then synthetic data");
            await DatabaseSetup.RunAsync(connectionString, SeedFiles.Locate(null), sample: false, TextWriter.Null, CancellationToken.None);
            var write = Stopwatch.StartNew();
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync();
                await new SyntheticData(sources, claims, votes).WriteAsync(connection, log);
                await ExecuteAsync(connectionString, "VACUUM ANALYZE");
            }
            log.WriteLine($"    written in {write.Elapsed.TotalSeconds:F1} s");

            await using var services = Services(connectionString);
            var queue = services.GetRequiredService<ScoringQueue>();
            var aggregate = new List<double>();
            var rescore = new List<double>();
            for (var i = 0; i < repeats; i++)
            {
                aggregate.Add(await TimeAsync(() => ExecuteAsync(connectionString, AggregateQuery)));
                rescore.Add(await TimeAsync(async () =>
                {
                    var run = await queue.EnqueueAsync(RunTrigger.CommandLine, null, CancellationToken.None);
                    if (!await queue.DrainAsync(CancellationToken.None)) throw new InvalidOperationException("scoring lock busy");
                    await using var scope = services.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<ClaimTrackerDbContext>();
                    var done = db.ScoringRuns.Single(r => r.Id == run!.Id);
                    if (done.Status != RunStatus.Succeeded) throw new InvalidOperationException($"run failed: {done.Error}");
                    log.WriteLine($"    run {done.Id}: {done.DurationMs} ms = read {done.Summary!.ReadMs} ms, score {done.Summary.ScoreMs} ms, write and switch {done.Summary.WriteMs} ms");
                }));
                log.WriteLine($"    repetition {i + 1}: aggregate {aggregate[^1]:F2} s, re-score {rescore[^1]:F2} s");
            }

            var (bestAggregate, bestRescore) = (aggregate.Min(), rescore.Min());
            log.WriteLine();
            log.WriteLine($"| {votes:N0} votes, {claims:N0} claims, {sources:N0} sources | best of {repeats} | median |");
            log.WriteLine("|---|---:|---:|");
            log.WriteLine($"| plain SQL aggregate pass (the floor) | {bestAggregate:F2} s | {Median(aggregate):F2} s |");
            log.WriteLine($"| full re-score (read, score, write, switch) | {bestRescore:F2} s | {Median(rescore):F2} s |");
            log.WriteLine($"| ratio re-score / aggregate | {bestRescore / bestAggregate:F2}× | {Median(rescore) / Median(aggregate):F2}× |");
            log.WriteLine($"peak working set of this process: {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB");
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    // The same votes the run reads (see ScoringData), aggregated per source in the database.
    private const string AggregateQuery = """
        SELECT source_id, count(*), sum(CASE WHEN affirms THEN 1 ELSE 0 END), avg(confidence)
        FROM (
            SELECT link.source_id, true AS affirms, r.stated_confidence AS confidence
            FROM reports r JOIN report_chain link ON link.report_id = r.id
          UNION ALL
            SELECT a.source_id, a.polarity = 'affirms', a.stated_confidence FROM assertions a
          UNION ALL
            SELECT link.source_id, e.stance = 'confirms', NULL
            FROM evidence e JOIN evidence_chain link ON link.evidence_id = e.id
        ) votes
        GROUP BY source_id
        """;

    private static ServiceProvider Services(string connectionString) => new ServiceCollection()
        .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ClaimTrackerServices.ConnectionStringName}"] = connectionString,
        }).Build())
        .AddLogging()
        .AddClaimTrackerCore()
        .BuildServiceProvider();

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) { }
    }
}
