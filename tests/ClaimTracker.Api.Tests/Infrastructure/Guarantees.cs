namespace ClaimTracker.Api.Tests.Infrastructure;

// The figures behind the README's "Guarantees": scripts/test.sh names a file, the tests append a line each, and
// the script prints them at the end of the run.
public static class Guarantees
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task RecordAsync(string line)
    {
        if (Environment.GetEnvironmentVariable("CLAIMTRACKER_GUARANTEES_FILE") is not { Length: > 0 } path) return;
        await Gate.WaitAsync();
        try
        {
            await File.AppendAllTextAsync(path, line + Environment.NewLine);
        }
        finally
        {
            Gate.Release();
        }
    }
}
