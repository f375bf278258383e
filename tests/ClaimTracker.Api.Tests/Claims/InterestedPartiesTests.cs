using System.Net;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Features.Scoring;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Tests.Infrastructure;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Claims;

// Issue 10's acceptance story: "North Korea is supplying Russia with rockets and missiles" (Washington says),
// confirmed by independent sources and denied by the parties it is about.
public sealed class InterestedPartiesTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    private static object From(string origin, string stance, bool conclusive, string suffix) =>
        Evidence(Article($"https://evidence.test/{suffix}/{Unique()}", Inline($"Desk {suffix}", "outlet"), $"{origin} on the arms deal",
            publishedAt: "2023-10-13T09:00:00Z"), stance, conclusive, chain: [Link(Slug(origin))]);

    [Fact]
    public async Task RecordClaim_AboutPartiesThatDenyIt_IsConfirmedByIndependentEvidenceAndShowsTheDenialsAsInterested()
    {
        var s = Unique();
        var northKorea = await _client.CreateSourceAsync(Source($"North Korea {s}", "government", slug: $"north-korea-{s}"));
        await _client.CreateSourceAsync(Source($"Kremlin {s}", "government", slug: $"kremlin-{s}"));
        var kcna = await _client.CreateSourceAsync(new { name = $"KCNA {s}", kind = "outlet", slug = $"kcna-{s}", memberOf = northKorea.Slug });
        Assert.Equal(northKorea.Slug, kcna.MemberOf?.Slug);
        foreach (var origin in new[] { "white-house", "un-monitors", "reuters", "think-tank" })
            await _client.CreateSourceAsync(Source($"{origin} {s}", "official", slug: $"{origin}-{s}"));

        var claim = await _client.RecordClaimAsync(new
        {
            statement = $"North Korea is supplying Russia with rockets and missiles ({s})",
            report = Report(Article($"https://news.test/{s}/{Unique()}", Inline($"AFP {s}", "wire_agency")),
                [Link(Inline($"Washington {s}", "government"))], quote: "Washington says North Korea is supplying Russia with rockets and missiles."),
            parties = new[] { Slug($"north-korea-{s}"), Slug($"kremlin-{s}") },
        });
        Assert.Equal([$"kremlin-{s}", $"north-korea-{s}"], claim.Parties.Select(p => p.Slug));

        foreach (var origin in new[] { "white-house", "un-monitors", "reuters", "think-tank" })
            claim = await _client.AddEvidenceAsync(claim.Id, From($"{origin}-{s}", "confirms", true, s));
        claim = await _client.AddEvidenceAsync(claim.Id, From($"kcna-{s}", "contradicts", false, s));
        claim = await _client.AddEvidenceAsync(claim.Id, From($"kremlin-{s}", "contradicts", false, s));

        await ScoringCalls.RunAsync(_client);
        var truth = await _client.GetOkAsync<GetClaimTruth.Response>($"/claims/{claim.Id}/truth");
        claim = await _client.GetClaimAsync(claim.Id);

        Assert.Equal((ClaimStatus.Confirmed, ClaimStatus.Confirmed), (claim.Status, truth.Status));
        Assert.Equal(
            [(Stance.Confirms, false), (Stance.Confirms, false), (Stance.Confirms, false), (Stance.Confirms, false),
             (Stance.Contradicts, true), (Stance.Contradicts, true)],
            claim.Evidence.Select(e => (e.Stance, e.Interested)).OrderBy(e => e.Interested));
    }

    [Fact]
    public async Task AddEvidence_ConclusiveDenialByAPartyAlone_NeverDisputesIndependentConfirmation()
    {
        var s = Unique();
        await _client.CreateSourceAsync(Source($"Kremlin {s}", "government", slug: $"kremlin-{s}"));
        await _client.CreateSourceAsync(Source($"Reuters {s}", "wire_agency", slug: $"reuters-{s}"));
        var claim = await _client.RecordClaimAsync(NewClaim(s));
        claim = await _client.PutJsonAsync($"/claims/{claim.Id}/parties", new { parties = new[] { Slug($"kremlin-{s}") }, version = claim.Version })
            .ExpectAsync<ClaimResponse>(HttpStatusCode.OK);

        claim = await _client.AddEvidenceAsync(claim.Id, From($"kremlin-{s}", "contradicts", true, s));
        Assert.Equal(ClaimStatus.Contradicted, claim.Status);
        claim = await _client.AddEvidenceAsync(claim.Id, From($"reuters-{s}", "confirms", true, s));
        Assert.Equal(ClaimStatus.Confirmed, claim.Status);
    }

    [Fact]
    public async Task UpdateSource_JoiningAndLeavingAParty_ReworksTheStatusOfClaimsItsEvidenceTouches()
    {
        var s = Unique();
        await _client.CreateSourceAsync(Source($"North Korea {s}", "government", slug: $"north-korea-{s}"));
        var kcna = await _client.CreateSourceAsync(Source($"KCNA {s}", "wire_agency", slug: $"kcna-{s}"));
        await _client.CreateSourceAsync(Source($"Reuters {s}", "wire_agency", slug: $"reuters-{s}"));
        var claim = await _client.RecordClaimAsync(NewClaim(s));
        claim = await _client.PutJsonAsync($"/claims/{claim.Id}/parties", new { parties = new[] { Slug($"north-korea-{s}") }, version = claim.Version })
            .ExpectAsync<ClaimResponse>(HttpStatusCode.OK);
        await _client.AddEvidenceAsync(claim.Id, From($"reuters-{s}", "confirms", true, s));
        claim = await _client.AddEvidenceAsync(claim.Id, From($"kcna-{s}", "contradicts", true, s));
        Assert.Equal(ClaimStatus.Disputed, claim.Status);

        var update = new { name = kcna.Name, kind = "wire_agency", version = kcna.Version, memberOf = (string?)$"north-korea-{s}" };
        kcna = await _client.PutJsonAsync($"/sources/{kcna.Id}", update).ExpectAsync<SourceResponse>(HttpStatusCode.OK);
        var joined = await _client.GetClaimAsync(claim.Id);
        Assert.Equal(ClaimStatus.Confirmed, joined.Status);
        Assert.True(joined.Version > claim.Version);
        Assert.Contains($"now speaks for 'north-korea-{s}'", joined.History[^1].Reason);
        Assert.Equal([false, true], joined.Evidence.Select(e => e.Interested));

        await _client.PutJsonAsync($"/sources/{kcna.Id}", update with { version = kcna.Version, memberOf = default(string?) })
            .ExpectAsync<SourceResponse>(HttpStatusCode.OK);
        var left = await _client.GetClaimAsync(claim.Id);
        Assert.Equal(ClaimStatus.Disputed, left.Status);
        Assert.Equal([false, false], left.Evidence.Select(e => e.Interested));
    }

    [Fact]
    public async Task RecordClaim_WithAnUnknownParty_Returns404NamingItAndWritesNothing()
    {
        var body = new
        {
            statement = $"North Korea is supplying Russia with rockets and missiles ({Unique()})",
            report = Report(Article($"https://news.test/{Unique()}", Inline("AFP", "wire_agency")), [Link(Inline("Washington", "government"))]),
            parties = new[] { Slug($"nowhere-{Unique()}") },
        };

        var response = await api.WithoutWritesAsync(() => _client.PostJsonAsync("/claims", body));

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "parties[0].slug");
    }

    [Fact]
    public async Task UpdateSource_MemberOfItsOwnMember_Returns400NamingMemberOf()
    {
        var s = Unique();
        var group = await _client.CreateSourceAsync(Source($"North Korea {s}", "government", slug: $"north-korea-{s}"));
        await _client.CreateSourceAsync(new { name = $"KCNA {s}", kind = "outlet", slug = $"kcna-{s}", memberOf = group.Slug });

        var response = await api.WithoutWritesAsync(() => _client.PutJsonAsync($"/sources/{group.Id}",
            new { name = group.Name, kind = "government", version = group.Version, memberOf = $"kcna-{s}" }));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "memberOf");
    }
}
