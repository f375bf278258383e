using ClaimTracker.Api.Features.ClaimReviews;
using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Features.Articles;
using ClaimTracker.Api.Features.Audit;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Features.Imports;
using ClaimTracker.Api.Features.Scoring;
using ClaimTracker.Api.Features.Lexicon;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Language;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Infrastructure;

public sealed class ClaimTrackerDbContext(DbContextOptions<ClaimTrackerDbContext> options) : DbContext(options)
{
    public DbSet<Source> Sources => Set<Source>();
    public DbSet<SourceTrackRecord> TrackRecords => Set<SourceTrackRecord>();
    public DbSet<SourceClaim> SourceClaims => Set<SourceClaim>();
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<Claim> Claims => Set<Claim>();
    public DbSet<Report> Reports => Set<Report>();
    public DbSet<Evidence> Evidence => Set<Evidence>();
    public DbSet<LexiconTerm> LexiconTerms => Set<LexiconTerm>();
    public DbSet<LexiconVersion> LexiconVersions => Set<LexiconVersion>();
    public DbSet<LexiconChange> LexiconChanges => Set<LexiconChange>();
    public DbSet<Question> Questions => Set<Question>();
    public DbSet<Import> Imports => Set<Import>();
    public DbSet<Assertion> Assertions => Set<Assertion>();
    public DbSet<ScoringRun> ScoringRuns => Set<ScoringRun>();
    public DbSet<ScoringState> ScoringState => Set<ScoringState>();
    public DbSet<SourceScore> SourceScores => Set<SourceScore>();
    public DbSet<ClaimEstimate> ClaimEstimates => Set<ClaimEstimate>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<StoredReview> ClaimReviews => Set<StoredReview>();
    public DbSet<RatingCrosswalkEntry> RatingCrosswalk => Set<RatingCrosswalkEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Trigram indexes make "text contains" searches on claim statements fast; pg_trgm is a trusted extension,
        // so the database owner can create it without superuser rights.
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ClaimTrackerDbContext).Assembly);

        // Entities get their ids (time-ordered UUIDv7) when they are created, so a new report or piece of
        // evidence added to a loaded claim is recognised as new rather than mistaken for an existing row.
        foreach (var key in modelBuilder.Model.GetEntityTypes().Select(e => e.FindPrimaryKey()).OfType<Microsoft.EntityFrameworkCore.Metadata.IMutableKey>())
            foreach (var property in key.Properties.Where(p => p.ClrType == typeof(Guid)))
                property.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        StoreAsSnakeCase<SourceKind>(configurationBuilder);
        StoreAsSnakeCase<ClaimStatus>(configurationBuilder);
        StoreAsSnakeCase<ChainRole>(configurationBuilder);
        StoreAsSnakeCase<Stance>(configurationBuilder);
        StoreAsSnakeCase<DatePrecision>(configurationBuilder);
        StoreAsSnakeCase<CueCategory>(configurationBuilder);
        StoreAsSnakeCase<CuePolarity>(configurationBuilder);
        StoreAsSnakeCase<CueOrigin>(configurationBuilder);
        StoreAsSnakeCase<ImportFormat>(configurationBuilder);
        StoreAsSnakeCase<ErrorPolicy>(configurationBuilder);
        StoreAsSnakeCase<ImportStatus>(configurationBuilder);
        StoreAsSnakeCase<Polarity>(configurationBuilder);
        StoreAsSnakeCase<RunTrigger>(configurationBuilder);
        StoreAsSnakeCase<RunStatus>(configurationBuilder);
        StoreAsSnakeCase<ClaimTracker.Scoring.Band>(configurationBuilder);
        StoreAsSnakeCase<LexiconAction>(configurationBuilder);
        StoreAsSnakeCase<Role>(configurationBuilder);
        StoreAsSnakeCase<ChangeKind>(configurationBuilder);
    }

    private static void StoreAsSnakeCase<TEnum>(ModelConfigurationBuilder builder) where TEnum : struct, Enum =>
        builder.Properties<TEnum>().HaveConversion<SnakeCaseEnumConverter<TEnum>>();
}
