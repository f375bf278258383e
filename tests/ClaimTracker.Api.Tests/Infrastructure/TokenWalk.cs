using ClaimTracker.Api.Infrastructure;

namespace ClaimTracker.Api.Tests.Infrastructure;

// Follows nextPageToken from a list's first page to its last.
internal static class TokenWalk
{
    // page(null) is the first page, page(token) the one after; meanwhile runs between pages (a write that must neither
    // shift nor repeat the items still to come).
    public static async Task<List<T>> WalkAsync<T>(Func<string?, Task<PagedList<T>>> page, Func<Task>? meanwhile = null)
    {
        var walked = new List<T>();
        string? token = null;
        var pages = 0;
        do
        {
            var current = await page(token);
            walked.AddRange(current.Items);
            token = current.NextPageToken;
            if (meanwhile is not null && ++pages <= 2) await meanwhile();
            Assert.True(pages < 200, "The walk did not end.");
        } while (token is not null);
        return walked;
    }

    public static string After(string? token) => token is null ? "" : $"&pageToken={token}";
}
