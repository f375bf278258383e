using Microsoft.EntityFrameworkCore.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Features.Analysis;
using ClaimTracker.Api.Features.Articles;
using ClaimTracker.Api.Features.Audit;
using ClaimTracker.Api.Features.ClaimReviews;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Features.Imports;
using ClaimTracker.Api.Features.Lexicon;
using ClaimTracker.Api.Features.Scoring;
using ClaimTracker.Api.Features.Sources;
using FluentValidation;
using ClaimTracker.Embeddings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Api.Infrastructure;

public static class ClaimTrackerServices
{
    public const string ConnectionStringName = "ClaimTracker";

    // Everything a command or query needs, without the web host: the API and the seed loader both use it.
    public static IServiceCollection AddClaimTrackerCore(this IServiceCollection services)
    {
        services.AddDbContext<ClaimTrackerDbContext>((provider, options) => options
            .UseNpgsql(ConnectionString(provider.GetRequiredService<IConfiguration>()),
                // A write loads one claim with its collections (a few rows each): one query is cheaper than one per
                // collection. Said explicitly, so EF Core does not warn about it on every first load.
                npgsql => npgsql.MigrationsAssembly("ClaimTracker.Migrations").UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery))
            // Counts up to a limit (Paging.CountUpToLimitAsync, a list's total) take rows in no order on purpose:
            // ordering them would only make PostgreSQL sort what it counts. Every page query orders, with the id
            // breaking ties (keyset tokens depend on it), and First without an order still warns.
            .ConfigureWarnings(warnings => warnings.Ignore(CoreEventId.RowLimitingOperationWithoutOrderByWarning))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(provider.GetRequiredService<AuditInterceptor>()));
        services.AddHttpContextAccessor();
        services.AddScoped<Caller>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<AuditInterceptor>();
        services.AddScoped<AuditLog>();
        services.AddScoped<IdempotencyClaim>();
        services.AddSingleton(provider => ReadReplica.From(provider.GetRequiredService<IConfiguration>()));
        services.AddScoped<DatabaseRoute>();
        services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.Section);

        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors = [typeof(ValidationBehavior<,>), typeof(DatabaseRouting<,>), typeof(TransactionBehavior<,>)];
        });
        services.AddValidatorsFromAssemblyContaining<ClaimTrackerDbContext>();
        // Messages name fields the way the client wrote them: "'statement' must not be empty."
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
            member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ApiKeyCache>(); // used only while ApiKeyCacheListener runs (AddScoringHost)
        services.AddSingleton<LexiconCache>();
        services.AddSingleton<CrosswalkCache>();
        services.AddScoped<ClaimReviewImporter>();
        services.AddSingleton<HedgeModel>();
        services.AddScoped<SourceResolver>();
        services.AddScoped<ArticleResolver>();
        services.AddScoped<ReportFactory>();
        services.AddScoped<ProposalBuilder>();
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section)
            .Validate(o => o.IsValid, "ClaimTracker:Database: ConnectTimeoutSeconds must be positive, the other timeouts 0 (none) or positive.")
            .ValidateOnStart();
        services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section);
        services.AddOptions<ClaimReviewImportOptions>().BindConfiguration(ClaimReviewImportOptions.Section);
        services.AddOptions<AnalyseBatch.Options>().BindConfiguration(AnalyseBatch.Options.Section);
        services.AddOptions<ClaimReviewOptions>().BindConfiguration(ClaimReviewOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClaimReviewOptions>, ClaimReviewOptions.Validation>();
        services.AddOptions<ScoringOptions>().BindConfiguration(ScoringOptions.Section)
            .Configure<IConfiguration>((options, configuration) => options.Parameters = ScoringOptions.BindParameters(configuration))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ScoringOptions>, ScoringOptions.Validation>();
        services.AddSingleton<ScoringQueue>();
        services.AddScoped<ScoringJob>();
        services.AddOptions<SimilarityOptions>().BindConfiguration(SimilarityOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SimilarityOptions>, SimilarityOptions.Validation>();
        services.AddScoped<TextSimilarity>();
        services.AddScoped<ISimilarityMethod>(provider => provider.GetRequiredService<TextSimilarity>());
        services.AddScoped<ISimilarityMethod, EmbeddingSimilarity>();
        services.AddScoped<ClaimSimilarity>();
        // One model per process, loaded on first use (or by the backfill at start-up): nothing is loaded for "text".
        services.AddSingleton(provider => new SentenceEmbedder(provider.GetRequiredService<IOptions<SimilarityOptions>>().Value.Embedding.Threads));
        services.AddSingleton<EmbeddingBackfill.Signal>();
        services.AddScoped<ClaimEmbeddings>();
        return services;
    }

    // The API's background part of scoring: the queue, drained by this instance, and the schedule that fills it.
    public static IServiceCollection AddScoringHost(this IServiceCollection services)
    {
        services.AddHostedService(provider => provider.GetRequiredService<ScoringQueue>());
        services.AddHostedService<ScoringSchedule>();
        services.AddHostedService<IdempotencySweeper>();
        services.AddHostedService<ApiKeyCacheListener>();
        services.AddHostedService<EmbeddingBackfill>();
        return services;
    }

    // The configured connection string with the timeouts of ClaimTracker:Database where it sets none itself.
    public static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } value
            ? (configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions()).Apply(value)
            : throw new InvalidOperationException(
                $"No database configured: set ConnectionStrings__{ConnectionStringName} (e.g. Host=localhost;Database=claimtracker;Username=...;Password=...).");

    // Request and response bodies: camelCase properties, snake_case enum values, and no silently ignored typos.
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        // {"statement":"A","statement":"B"}: parsers disagree on which one wins, a classic way past validation.
        options.AllowDuplicateProperties = false;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new NoNulStringConverter());
        options.Converters.Add(new Dates.JsonConverter());
    }
}
