using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Language;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimTracker.Api.Features.Imports;

public enum ImportFormat { Ndjson, Csv }

// reject_file: one bad line and nothing of the file is kept. skip_line: bad lines are reported and left out.
public enum ErrorPolicy { RejectFile, SkipLine }

public enum ImportStatus { Receiving, Loading, Succeeded, Failed }

public enum Polarity { Affirms, Denies }

// One upload of assertions for archives and benchmark data sets, with its progress and the lines it refused.
public sealed class Import
{
    private Import() { }

    public Import(ImportFormat format, ErrorPolicy policy, string? fileName, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        Format = format;
        ErrorPolicy = policy;
        FileName = fileName;
        Status = ImportStatus.Receiving;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }
    public ImportFormat Format { get; private set; }
    public ErrorPolicy ErrorPolicy { get; private set; }
    public string? FileName { get; private set; }
    public ImportStatus Status { get; private set; }
    public long LinesRead { get; private set; }
    public long LinesLoaded { get; private set; }
    public long LinesRejected { get; private set; }
    public int NewSources { get; private set; }
    public int NewQuestions { get; private set; }
    public int NewClaims { get; private set; }
    public List<LineError> Errors { get; private set; } = [];
    public string? Error { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public long? DurationMs { get; private set; }

    public const int MaxFileNameLength = 300;

    public void StartLoading(long linesRead)
    {
        if (Status != ImportStatus.Receiving) throw new InvalidOperationException($"An import that is {Status} cannot start loading.");
        Status = ImportStatus.Loading;
        LinesRead = linesRead;
    }

    public void Succeed(long linesLoaded, LineErrors errors, int newSources, int newQuestions, int newClaims, DateTimeOffset now)
    {
        if (Status != ImportStatus.Loading) throw new InvalidOperationException($"An import that is {Status} cannot succeed.");
        Status = ImportStatus.Succeeded;
        LinesLoaded = linesLoaded;
        (NewSources, NewQuestions, NewClaims) = (newSources, newQuestions, newClaims);
        Finish(errors, now);
    }

    // Nothing of the file was loaded, whatever the counts of lines read and rejected say.
    public void Fail(string error, long linesRead, LineErrors errors, DateTimeOffset now)
    {
        if (Status is ImportStatus.Succeeded or ImportStatus.Failed) throw new InvalidOperationException($"An import that is {Status} cannot fail.");
        Status = ImportStatus.Failed;
        Error = error.Length <= 2000 ? error : error[..2000];
        LinesRead = Math.Max(LinesRead, linesRead);
        LinesLoaded = 0;
        (NewSources, NewQuestions, NewClaims) = (0, 0, 0);
        Finish(errors, now);
    }

    private void Finish(LineErrors errors, DateTimeOffset now)
    {
        LinesRejected = errors.Total;
        Errors = errors.Kept.OrderBy(e => e.Line).Select(e => new LineError { Line = e.Line, Reason = e.Reason }).ToList();
        FinishedAt = now;
        DurationMs = (long)(now - CreatedAt).TotalMilliseconds;
    }
}

public sealed class LineError
{
    public long Line { get; set; }
    public string Reason { get; set; } = "";
}

// The lines an import refused: every one is counted, the first thousand are kept with their reasons.
public sealed class LineErrors
{
    public const int MaxKept = 1000;

    private readonly List<LineError> _kept = [];

    public long Total { get; private set; }
    public IReadOnlyList<LineError> Kept => _kept;

    // A reason may quote the line (a field's name), and PostgreSQL text cannot hold NUL: it is kept escaped, as JSON writes it.
    public void Add(long line, string reason)
    {
        Total++;
        if (_kept.Count < MaxKept) _kept.Add(new LineError { Line = line, Reason = reason.Replace("\0", "\\u0000") });
    }
}

// What one source said about one claim, as an import brought it in (no article, no chain: the source is its origin).
public sealed class Assertion
{
    private Assertion() { }

    public long Id { get; private set; }
    public Guid ClaimId { get; private set; }
    public Guid SourceId { get; private set; }
    public Guid? ImportId { get; private set; }
    public long? Line { get; private set; }
    public Polarity Polarity { get; private set; }
    public double? StatedConfidence { get; private set; }
    public List<string>? HedgeWords { get; private set; }
    public DateTimeOffset? AssertedAt { get; private set; }
}

public sealed class ImportConfiguration : IEntityTypeConfiguration<Import>
{
    public void Configure(EntityTypeBuilder<Import> builder)
    {
        builder.Property(i => i.Format).HasMaxLength(10);
        builder.Property(i => i.ErrorPolicy).HasMaxLength(20);
        builder.Property(i => i.Status).HasMaxLength(20);
        builder.Property(i => i.FileName).HasMaxLength(300);
        builder.Property(i => i.Error).HasMaxLength(2000);
        builder.OwnsMany(i => i.Errors, errors => errors.ToJson());
        // GET /imports pages newest first by (created_at, id).
        builder.HasIndex(i => new { i.CreatedAt, i.Id });
    }
}

public sealed class AssertionConfiguration : IEntityTypeConfiguration<Assertion>
{
    public void Configure(EntityTypeBuilder<Assertion> builder)
    {
        // The table is partitioned by import (migration AssertionsByImport): each file loads into a table of its own,
        // indexed and checked once, then attached. So the database differs from this model in three ways EF cannot
        // express: ids come from the sequence assertion_ids (a partitioned table has no identity column in
        // PostgreSQL 15), each partition has its own primary key on id, and there is no index on import_id
        // (partition pruning finds an import's rows), though EF would make one for the foreign key anyway.
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.Property(a => a.Polarity).HasMaxLength(10);
        builder.HasOne<Claim>().WithMany().HasForeignKey(a => a.ClaimId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Source>().WithMany().HasForeignKey(a => a.SourceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Import>().WithMany().HasForeignKey(a => a.ImportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.ClaimId);
        builder.HasIndex(a => a.SourceId);
        builder.HasIndex(a => a.ImportId);
    }
}
