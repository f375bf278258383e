using System.Globalization;
using System.Text;
using System.Text.Json;
using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Api.Features.Scoring;

// Every estimate of a run, streamed as the database reads them, for researchers: one line per claim.
public static class ExportRunEstimates
{
    public const string CsvMediaType = "text/csv";
    public const string NdjsonMediaType = "application/x-ndjson";

    public static void Map(IEndpointRouteBuilder runs) =>
        runs.MapGet("/{id:guid}/estimates", async Task<Results<PushStreamHttpResult, ProblemHttpResult>> (
                Guid id, HttpRequest request, ISender sender, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct) =>
            {
                if (await sender.Send(new Query(id), ct) is not { } rows) return Problems.NotFound("scoring run", id);
                var csv = request.Headers.Accept.Any(a => a?.Contains(CsvMediaType, StringComparison.OrdinalIgnoreCase) == true);
                return csv
                    ? TypedResults.Stream(stream => WriteAsync(stream, rows, CsvHeader, CsvLine, ct), $"{CsvMediaType}; charset=utf-8")
                    : TypedResults.Stream(stream => WriteAsync(stream, rows, null, row => JsonSerializer.Serialize(row, json.Value.SerializerOptions), ct),
                        NdjsonMediaType);
            })
            .WithName("ExportRunEstimates")
            .RequireRole(Role.Reader)
            .WithSummary("Stream every claim estimate of a run as NDJSON or CSV")
            .WithDescription($"""
                One line per estimated claim, in claim id order: claimId, question (its key, or empty), statement, probability, affirmWeight, denyWeight. NDJSON ({NdjsonMediaType}) by default; CSV with a header line when the request sends Accept: {CsvMediaType}. The answer streams as rows are read, so it starts at once however many claims the run estimated. Only the latest runs keep their estimates (ClaimTracker:Scoring:KeepClaimEstimatesForRuns); an older run, or one that has not finished, answers no lines.
                """)
            .Produces<Row>(StatusCodes.Status200OK, NdjsonMediaType, CsvMediaType)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public sealed record Query(Guid RunId) : IQuery<IAsyncEnumerable<Row>?>;

    public sealed record Row(Guid ClaimId, string? Question, string Statement, double Probability, double AffirmWeight, double DenyWeight);

    // Null for an unknown run; otherwise the rows, read while the answer is written (the request's DbContext lives as long).
    public sealed class Handler(ClaimTrackerDbContext db) : IQueryHandler<Query, IAsyncEnumerable<Row>?>
    {
        public async ValueTask<IAsyncEnumerable<Row>?> Handle(Query query, CancellationToken ct)
        {
            if (!await db.ScoringRuns.AnyAsync(r => r.Id == query.RunId, ct)) return null;
            return (from e in db.ClaimEstimates.AsNoTracking()
                    where e.RunId == query.RunId
                    join c in db.Claims on e.ClaimId equals c.Id
                    orderby e.ClaimId
                    select new Row(e.ClaimId, c.Question == null ? null : c.Question.Key, c.Statement, e.Probability, e.AffirmWeight, e.DenyWeight))
                .AsAsyncEnumerable();
        }
    }

    private const string CsvHeader = "claimId,question,statement,probability,affirmWeight,denyWeight";

    private static string CsvLine(Row row) => string.Join(',',
        row.ClaimId.ToString(), Quote(row.Question ?? ""), Quote(row.Statement),
        Number(row.Probability), Number(row.AffirmWeight), Number(row.DenyWeight));

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    // RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.
    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : $"\"{field.Replace("\"", "\"\"")}\"";

    private static async Task WriteAsync(Stream stream, IAsyncEnumerable<Row> rows, string? header, Func<Row, string> line, CancellationToken ct)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), bufferSize: 1 << 16);
        if (header is not null) await writer.WriteAsync(header + "\n");
        await foreach (var row in rows.WithCancellation(ct))
            await writer.WriteAsync(line(row) + "\n");
        await writer.FlushAsync(ct);
    }
}
