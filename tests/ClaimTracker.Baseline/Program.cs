using System.Text.Json;
using ClaimTracker.Baseline;
using Npgsql;

// The bare baseline of scripts/benchmark.sh http (issue 13): the API's hot operations against the same database,
// with routing and raw Npgsql only — no EF Core, no authentication, no middleware. Not a test project.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var connectionString = builder.Configuration.GetConnectionString("ClaimTracker")
    ?? throw new InvalidOperationException("ConnectionStrings__ClaimTracker is not set.");
// Timestamps come out of PostgreSQL's JSON as "2023-09-11T00:00:00+00:00", like the API's.
var db = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(connectionString) { Timezone = "UTC" }.ConnectionString).Build();
var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);

var app = builder.Build();
app.MapGet("/health/live", () => Results.Text("""{"status":"healthy","checks":{}}""", "application/json"));
app.MapGet("/claims/{id:guid}", (Guid id, CancellationToken ct) => Reads.JsonAsync(db, Reads.Claim, ct, id));
app.MapGet("/claims", (string? status, int? page, int? pageSize, CancellationToken ct) =>
{
    var size = Math.Clamp(pageSize ?? 25, 1, 100);
    var number = Math.Max(page ?? 1, 1);
    var statuses = (status ?? "unverified,confirmed,partly_confirmed,contradicted,disputed,true,false,partly_true,unresolvable,superseded")
        .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    return Reads.JsonAsync(db, Reads.ClaimsByStatus, ct, statuses, size, (number - 1) * size, number);
});
app.MapGet("/sources/{slug}", (string slug, CancellationToken ct) => Reads.JsonAsync(db, Reads.Source, ct, slug));
app.MapPost("/claims", (HttpContext http, CancellationToken ct) => Writes.RecordClaimAsync(http, db, json, ct));
app.Run();
