using System.Net;
using ClaimTracker.Api.Features.Lexicon;
using ClaimTracker.Language;
using ClaimTracker.Api.Tests.Infrastructure;

namespace ClaimTracker.Api.Tests.Lexicon;

public sealed class GetLexiconTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Theory]
    [InlineData("/lexicon/terms/0193a000-0000-7000-8000-000000000001")]
    [InlineData("/lexicon/versions/100000")]
    [InlineData("/lexicon/versions/latest")]
    public async Task Read_OfSomethingUnknown_Returns404Problem(string url)
    {
        var response = await _client.GetAsync(url);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
