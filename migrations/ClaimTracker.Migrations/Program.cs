using ClaimTracker.Api.Infrastructure;
namespace ClaimTracker.Migrations;

// The command line for operators and schedulers:
//   ClaimTracker.Migrations [migrate] [--no-sample] [--seeds DIR]   apply the migrations, load the lexicon and the sample story
//   ClaimTracker.Migrations score                                  run a re-scoring now (for cron, Kubernetes CronJob ...)
//   ClaimTracker.Migrations keys create|list|revoke ...            API keys (the first administrator's key comes from here)
// The run script, the tests, CI and docker-compose all set the database up through the first.
public static class Cli
{
    private static readonly string Usage = $"""
        usage: ClaimTracker.Migrations [migrate] [--no-sample] [--seeds DIR]
               ClaimTracker.Migrations score
        {KeyCommands.Usage}
          reads the connection from ConnectionStrings__ClaimTracker; seeds from --seeds, ClaimTracker__SeedsPath or ./seeds;
          scoring parameters from ClaimTracker__Scoring__* (see README)
        """;

    public static async Task<int> Main(string[] args)
    {
        var verb = args.FirstOrDefault() is "migrate" or "score" or "keys" ? args[0] : "migrate";
        var rest = args.SkipWhile(a => a == verb).ToArray();
        try
        {
            var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__ClaimTracker")
                ?? throw new InvalidOperationException("Set ConnectionStrings__ClaimTracker to the database.");
            return verb switch
            {
                "score" => await ScoreAsync(rest, connectionString),
                "keys" => await KeyCommands.RunAsync(rest, connectionString, Console.Out, Console.Error),
                _ => await MigrateAsync(rest, connectionString),
            };
        }
        catch (Exception exception)
        {
            Console.Error.WriteLine($"{verb} failed: {exception}");
            return 1;
        }
    }

    private static async Task<int> MigrateAsync(string[] args, string connectionString)
    {
        var sample = !args.Contains("--no-sample");
        var seedsIndex = Array.IndexOf(args, "--seeds");
        var unknown = args.Where((a, i) => a != "--no-sample" && a != "--seeds" && (seedsIndex < 0 || i != seedsIndex + 1)).ToList();
        if (unknown.Count > 0 || (seedsIndex >= 0 && seedsIndex + 1 >= args.Length))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        var seeds = SeedFiles.Locate(seedsIndex >= 0 ? args[seedsIndex + 1] : Environment.GetEnvironmentVariable("ClaimTracker__SeedsPath"));
        await DatabaseSetup.RunAsync(connectionString, seeds, sample, Console.Out, CancellationToken.None);
        return 0;
    }

    private static async Task<int> ScoreAsync(string[] args, string connectionString)
    {
        if (args.Length > 0)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        var succeeded = await CommandLineRun.RunAsync(connectionString, Console.Out, cancel.Token);
        return succeeded ? 0 : 1;
    }
}
