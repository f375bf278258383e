using System.Diagnostics;
using ClaimTracker.Api.Features.Scoring;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ClaimTracker.Benchmarks;

// The whole re-score against the database, at 1,000,000 votes over 200,000 claims and 20,000 sources (or --votes N), timed in the
// same run as the floor it is compared to: one plain SQL aggregate pass over the same votes (the database reading
// them once). Not BenchmarkDotNet: one cold database, a few repetitions, wall-clock seconds and peak resident memory.
public static class RescoreBenchmark
{
    public static async Task<int> RunAsync(string[] args, TextWriter log)
    {
        int Arg(string name, int fallback) => args.SkipWhile(a => a != name).Skip(1).Select(int.Parse).DefaultIfEmpty(fallback).First();
        // Claims and sources grow with the votes (5 votes a claim, 50 a source) unless given.
        var votes = Arg("--votes", 1_000_000);
        var (sources, claims, repeats) = (Arg("--sources", Math.Max(1, votes / 50)), Arg("--claims", Math.Max(1, votes / 5)), Arg("--repeat", 3));
        // --database NAME reuses a database left by --keep (no data written, none dropped): for trying a change quickly.
        var reuse = args.SkipWhile(a => a != "--database").Skip(1).FirstOrDefault();
        var keep = args.Contains("--keep") || reuse is not null;
        var server = Environment.GetEnvironmentVariable("ConnectionStrings__ClaimTracker")
            ?? throw new InvalidOperationException("Set ConnectionStrings__ClaimTracker (scripts/benchmark.sh does).");

        var database = reuse ?? $"ct_bench_{DateTime.UtcNow:yyyyMMddHHmmss}";
        if (reuse is null) await ExecuteAsync(server, $"CREATE DATABASE {database}");
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database, CommandTimeout = 0 }.ConnectionString;
        try
        {
            if (reuse is null)
            {
                log.WriteLine($"==> database {database}: migrations, then synthetic data");
                await DatabaseSetup.RunAsync(connectionString, SeedFiles.Locate(null), sample: false, TextWriter.Null, CancellationToken.None);
                var write = Stopwatch.StartNew();
                await using (var connection = new NpgsqlConnection(connectionString))
                {
                    await connection.OpenAsync();
                    await new SyntheticData(sources, claims, votes).WriteAsync(connection, log);
                }
                await ExecuteAsync(connectionString, "VACUUM ANALYZE");
                log.WriteLine($"    written in {write.Elapsed.TotalSeconds:F1} s");
            }
            else log.WriteLine($"==> reusing database {database}");
            // Peak memory from here on is the runs' own: the data generator's arrays are garbage by now.
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            ResetPeakResident();
            var baseline = Resident("VmRSS");

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
            log.WriteLine($"peak resident memory of this process (VmHWM) over the runs: {Resident("VmHWM") / 1024.0:F0} MiB " +
                $"(resident before them: {baseline / 1024.0:F0} MiB)");
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            if (keep) log.WriteLine($"kept database {database} (rerun with --database {database})");
            else await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
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

    // KiB from /proc/self/status (Linux); 0 where there is none.
    private static long Resident(string field)
    {
        if (!File.Exists("/proc/self/status")) return 0;
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0]);
    }

    // Writing 5 to clear_refs resets VmHWM to the current resident size (Linux 4.0+), so the peak is the runs'.
    private static void ResetPeakResident()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

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
