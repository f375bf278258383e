using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Features.Analysis;
using ClaimTracker.Api.Features.Articles;
using ClaimTracker.Api.Features.ClaimReviews;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Features.Imports;
using ClaimTracker.Api.Features.Questions;
using ClaimTracker.Api.Features.Lexicon;
using ClaimTracker.Api.Features.Scoring;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Infrastructure;

// Started from elsewhere than its folder (`dotnet path/to/ClaimTracker.Api.dll`, as the benchmark and containers do),
// the API would look for appsettings.json in the current directory, miss it and log every SQL command at Information.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = File.Exists("appsettings.json") || !File.Exists(Path.Combine(AppContext.BaseDirectory, "appsettings.json"))
        ? null : AppContext.BaseDirectory,
});

var limits = builder.Configuration.GetSection(RequestLimitOptions.Section).Get<RequestLimitOptions>() ?? new RequestLimitOptions();
builder.Services.AddClaimTrackerCore();
builder.Services.AddClaimTrackerAccess(builder.Configuration);
builder.Services.AddClaimTrackerRateLimits(builder.Configuration);
builder.Services.AddClaimTrackerHealth(builder.Configuration);
builder.Services.AddScoringHost();
builder.Services.AddClaimTrackerOpenApi();
builder.Services.ConfigureHttpJsonOptions(options => ClaimTrackerServices.ConfigureJson(options.SerializerOptions));
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.AddProblemDetails();
builder.Services.AddSingleton<IProblemDetailsWriter, AnyAcceptProblemDetailsWriter>();
builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();

var app = builder.Build();
// Read the uncertainty model now, so a missing or unreadable file is in the start-up log, not the first request's.
app.Services.GetRequiredService<ClaimTracker.Api.Features.Analysis.HedgeModel>();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSwaggerUI(options =>
{
    options.SwaggerEndpoint(OpenApi.DocumentPath, "ClaimTracker v1");
    options.RoutePrefix = "swagger";
    options.DocumentTitle = "ClaimTracker API";
});
app.UseRequestBodyLimit(limits.MaxBodyBytes);
app.UseRateLimiter();
app.UseAuthentication();
app.UseSentKeysMustBeValid();
app.UseCallerRateLimits();
app.UseAuthorization();
app.UseIdempotencyKeys();

app.MapOpenApi(OpenApi.DocumentPath).AllowAnonymous();
app.MapGet("/", () => Results.Redirect("/swagger")).ExcludeFromDescription().AllowAnonymous();

app.MapSources();
app.MapArticles();
app.MapClaims();
app.MapQuestions();
app.MapClaimReviews();
app.MapLexicon();
app.MapAnalysis();
app.MapImports();
app.MapScoring();
app.MapAccess();
app.MapClaimTrackerHealth();

app.Run();

public partial class Program;
