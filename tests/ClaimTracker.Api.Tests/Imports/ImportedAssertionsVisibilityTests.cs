using System.Net;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Features.Imports;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Api.Tests.Infrastructure;
using ClaimTracker.Language;
using static ClaimTracker.Api.Tests.Infrastructure.ImportCalls;
using static ClaimTracker.Api.Tests.Infrastructure.Requests;

namespace ClaimTracker.Api.Tests.Imports;

// One model of "a source said this": what a source said in an imported file shows wherever its reports do.
public sealed class ImportedAssertionsVisibilityTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.ImportClient();

    [Fact]
    public async Task ImportedAssertions_AppearInTheSourcesClaimListAndTheSourceFilter()
    {
        var tag = Unique();
        var reported = await _client.RecordClaimAsync(NewClaim(tag, statement: $"Reported and asserted {tag}"));
        var source = await _client.CreateSourceAsync(Source($"Archive {tag}", slug: $"archive-{tag}"));
        var file = Ndjson(
            new { source = source.Slug, claim = $"Affirmed {tag}", polarity = "affirms", time = "2024-03-01T00:00:00Z" },
            new { source = source.Slug, claim = $"Denied {tag}", polarity = "denies", time = "2024-03-02T00:00:00Z" },
            new { source = source.Slug, claim = $"Reported and asserted {tag}", polarity = "affirms" },
            new { source = $"Someone else {tag}", claim = $"Not ours {tag}", polarity = "affirms" });

        await _client.PostAsync("/imports", Body(file, "application/x-ndjson")).ExpectAsync<ImportResponse>(HttpStatusCode.Created);

        var got = await _client.GetOkAsync<GetSource.Response>($"/sources/{source.Slug}");
        Assert.Equal(3, got.ClaimCount);
        var listed = got.Claims.ToDictionary(c => c.Statement, c => c.Assertions.Single());
        Assert.Equal(new Dictionary<string, Polarity>
        {
            [$"Affirmed {tag}"] = Polarity.Affirms,
            [$"Denied {tag}"] = Polarity.Denies,
            [$"Reported and asserted {tag}"] = Polarity.Affirms,
        }, listed);
        Assert.Empty(got.Claims.Single(c => c.Id == reported.Id).Roles); // the source is not in the claim's report chain

        var filtered = await _client.GetOkAsync<PagedList<ListClaims.Item>>($"/claims?source={source.Slug}&pageSize=100");
        Assert.Equal(got.Claims.Select(c => c.Id).Order(), filtered.Items.Select(c => c.Id).Order());
        var byId = await _client.GetOkAsync<PagedList<ListClaims.Item>>($"/claims?source={source.Id}&pageSize=100");
        Assert.Equal(3, byId.Items.Count);
    }

    [Fact]
    public async Task ImportedAssertions_CountInTheTrackRecordAsOriginatedOnceResolved_DenialsNot()
    {
        var tag = Unique();
        var slug = $"track-archive-{tag}";
        var file = Ndjson(
            new { source = slug, claim = $"Resolved true in the file {tag}", polarity = "affirms", resolution = "true" },
            new { source = slug, claim = $"Resolved true in the file {tag}", polarity = "affirms" }, // the same claim again: counted once
            new { source = slug, claim = $"Resolved false later {tag}", polarity = "affirms" },
            new { source = slug, claim = $"Still pending {tag}", polarity = "affirms" },
            new { source = slug, claim = $"Denied and false {tag}", polarity = "denies", resolution = "false" });

        await _client.PostAsync("/imports", Body(file, "application/x-ndjson")).ExpectAsync<ImportResponse>(HttpStatusCode.Created);

        var before = (await _client.GetOkAsync<GetSource.Response>($"/sources/{slug}")).Source.TrackRecord;
        Assert.Equal((3, 0, 1, 0, 2), (before.Originated, before.Relayed, before.Confirmed, before.Contradicted, before.Pending));

        var later = (await _client.GetOkAsync<GetSource.Response>($"/sources/{slug}")).Claims.Single(c => c.Statement == $"Resolved false later {tag}");
        var claim = await _client.GetOkAsync<ClaimResponse>($"/claims/{later.Id}");
        (await _client.PostJsonAsync($"/claims/{claim.Id}/resolution", Resolution("false", claim.Version))).EnsureSuccessStatusCode();

        var after = (await _client.GetOkAsync<GetSource.Response>($"/sources/{slug}")).Source.TrackRecord;
        Assert.Equal((3, 1, 1, 1, 0.5), (after.Originated, after.Confirmed, after.Contradicted, after.Pending, after.Accuracy));
        Assert.Equal([[0L]], await api.QueryAsync("""
            SELECT count(*) FROM source_track_record_counts c JOIN source_track_records_recomputed r USING (source_id)
            WHERE (c.originated, c.relayed, c.confirmed, c.contradicted, c.pending) IS DISTINCT FROM
                  (r.originated, r.relayed, r.confirmed, r.contradicted, r.pending)
            """));
    }

    // A file naming thousands of claims already stored refreshes them under bucket locks (a lock each would not fit
    // PostgreSQL's lock table): the load succeeds and the counts still equal their definition.
    [Fact]
    public async Task ImportAgain_OfThousandsOfStoredClaims_LoadsAndKeepsTrackRecordsExact()
    {
        var file = ImportFiles.Csv(lines: 9_000, claims: 8_001, sources: 7, tag: Unique());

        var first = await _client.PostAsync("/imports", Body(file, "text/csv")).ExpectAsync<ImportResponse>(HttpStatusCode.Created);
        var second = await _client.PostAsync("/imports", Body(file, "text/csv")).ExpectAsync<ImportResponse>(HttpStatusCode.Created);

        Assert.Equal((8_001, 0), (first.NewClaims, second.NewClaims));
        Assert.Equal([[0L]], await api.QueryAsync("""
            SELECT count(*) FROM source_track_record_counts c FULL JOIN source_track_records_recomputed r USING (source_id)
            WHERE (c.originated, c.relayed, c.confirmed, c.partly_confirmed, c.contradicted, c.disputed, c.pending, c.unresolvable)
                  IS DISTINCT FROM
                  (r.originated, r.relayed, r.confirmed, r.partly_confirmed, r.contradicted, r.disputed, r.pending, r.unresolvable)
            """));
        // The file's sources are its own: each claim they affirmed, counted once, is one they originated.
        var counted = await api.QueryAsync("""
            SELECT (SELECT count(*) FROM (SELECT DISTINCT claim_id, source_id FROM assertions WHERE import_id = @import AND polarity = 'affirms') p),
                   (SELECT sum(originated) FROM source_track_record_counts WHERE source_id IN (SELECT source_id FROM assertions WHERE import_id = @import))
            """, first.Id);
        Assert.True((long)counted[0][0]! > 6_000, $"only {counted[0][0]} claims affirmed");
        Assert.Equal(counted[0][0], counted[0][1]);
    }
}
