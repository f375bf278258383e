namespace ClaimTracker.Migrations;

// claimtracker-db: apply the migrations, load the lexicon and (unless --no-sample) the sample story.
// The run script, the tests, CI and docker-compose all set the database up through this one command.
public static class Cli
{
    public static async Task<int> Main(string[] args)
    {
        var sample = !args.Contains("--no-sample");
        var seedsIndex = Array.IndexOf(args, "--seeds");
        var unknown = args.Where((a, i) => a != "--no-sample" && a != "--seeds" && (seedsIndex < 0 || i != seedsIndex + 1)).ToList();
        if (unknown.Count > 0 || (seedsIndex >= 0 && seedsIndex + 1 >= args.Length))
        {
            Console.Error.WriteLine("usage: ClaimTracker.Migrations [--no-sample] [--seeds DIR]");
            Console.Error.WriteLine("  reads the connection from ConnectionStrings__ClaimTracker; seeds from --seeds, ClaimTracker__SeedsPath or ./seeds");
            return 2;
        }

        try
        {
            var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__ClaimTracker")
                ?? throw new InvalidOperationException("Set ConnectionStrings__ClaimTracker to the database to migrate.");
            var seeds = SeedFiles.Locate(seedsIndex >= 0 ? args[seedsIndex + 1] : Environment.GetEnvironmentVariable("ClaimTracker__SeedsPath"));
            await DatabaseSetup.RunAsync(connectionString, seeds, sample, Console.Out, CancellationToken.None);
            return 0;
        }
        catch (Exception exception)
        {
            Console.Error.WriteLine($"database setup failed: {exception}");
            return 1;
        }
    }
}
