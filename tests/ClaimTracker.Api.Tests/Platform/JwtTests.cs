using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Features.Audit;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ClaimTracker.Api.Tests.Platform;

// A newsroom's identity provider, played by a shared signing key.
public sealed class JwtApiFactory : ApiFactory
{
    public const string SigningKey = "claimtracker-test-signing-key-of-at-least-32-bytes";
    public const string Issuer = "https://idp.newsroom.test";
    public const string Audience = "claimtracker";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [$"{JwtOptions.Section}:SigningKey"] = SigningKey,
        [$"{JwtOptions.Section}:Issuer"] = Issuer,
        [$"{JwtOptions.Section}:Audience"] = Audience,
    };

    public static string Token(string subject, string name, string[] roles, string key = SigningKey, DateTime? expires = null, string issuer = Issuer)
    {
        var claims = new Dictionary<string, object> { ["sub"] = subject, ["name"] = name, ["roles"] = roles };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            Issuer = issuer,
            Audience = Audience,
            NotBefore = (expires ?? DateTime.UtcNow.AddHours(1)).AddHours(-2),
            Expires = expires ?? DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
    }

    public HttpClient ClientWithToken(string token)
    {
        var client = AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

public sealed class JwtTests(JwtApiFactory api) : IClassFixture<JwtApiFactory>
{
    [Fact]
    public async Task EditorToken_RecordsAClaim_AndTheAuditNamesTheSubject()
    {
        var subject = $"user-{Requests.Unique()}";
        var editor = api.ClientWithToken(JwtApiFactory.Token(subject, "Ana Fact-Checker", ["editor"]));

        var claim = await editor.RecordClaimAsync(Requests.NewClaim(Requests.Unique()));

        var audit = await api.CreateClient().GetOkAsync<PagedList<ListAudit.Response>>($"/audit?entityId={claim.Id}");
        var entry = Assert.Single(audit.Items);
        Assert.Equal(($"jwt:{subject}", "Ana Fact-Checker"), (entry.ActorId, entry.ActorName));
    }

    [Fact]
    public async Task ReaderToken_ReadsButCannotWrite()
    {
        var reader = api.ClientWithToken(JwtApiFactory.Token("reader-1", "Reader", ["reader"]));

        await (await reader.GetAsync("/claims")).AssertStatusAsync(HttpStatusCode.OK);
        var response = await api.WithoutWritesAsync(() => reader.PostJsonAsync("/claims", Requests.NewClaim(Requests.Unique())));
        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TokenWithoutAKnownRole_MayDoNothing()
    {
        var nobody = api.ClientWithToken(JwtApiFactory.Token("guest-1", "Guest", ["subscriber"]));

        await (await nobody.GetAsync("/claims")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("wrong key")]
    [InlineData("expired")]
    [InlineData("other issuer")]
    public async Task BadToken_Returns401(string flaw)
    {
        var token = flaw switch
        {
            "wrong key" => JwtApiFactory.Token("x", "X", ["admin"], key: "another-signing-key-that-is-also-32-bytes-long"),
            "expired" => JwtApiFactory.Token("x", "X", ["admin"], expires: DateTime.UtcNow.AddHours(-1)),
            _ => JwtApiFactory.Token("x", "X", ["admin"], issuer: "https://evil.test"),
        };

        var response = await api.ClientWithToken(token).GetAsync("/claims");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("Audience")]
    [InlineData("Issuer")]
    public void Configuration_WithoutAudienceOrIssuer_RefusesToStart(string missing)
    {
        using var misconfigured = api.WithWebHostBuilder(builder => builder.UseSetting($"{JwtOptions.Section}:{missing}", ""));

        var error = Assert.ThrowsAny<InvalidOperationException>(() => misconfigured.CreateClient());

        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public async Task ApiKeys_StillWork_AndTheDocumentOffersBothSchemes()
    {
        await (await api.CreateClient().GetAsync("/claims")).AssertStatusAsync(HttpStatusCode.OK);

        var document = JsonNode.Parse(await api.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        Assert.NotNull(document["components"]!["securitySchemes"]!["Bearer"]);
        Assert.Equal(2, document["paths"]!["/claims"]!["post"]!["security"]!.AsArray().Count);
    }
}
