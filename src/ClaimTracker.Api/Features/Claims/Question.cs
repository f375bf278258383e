using ClaimTracker.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimTracker.Api.Features.Claims;

// A group of mutually exclusive claims: confirming one contradicts the others, and their truth estimates
// sum to at most 1. Key is how imports and clients name it ("kim-putin-meeting-place", "restaurant:21 club").
public sealed class Question
{
    public const int MaxKeyLength = 300;

    private Question() { }

    public Question(string key, string? text, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        Key = key.Trim();
        Text = text?.Trim();
        CreatedAt = now;
    }

    public Guid Id { get; private set; }
    public string Key { get; private set; } = "";
    public string? Text { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}

public static class Questions
{
    public const string KeyRule = "a question's key: 1 to 300 characters, no control characters";

    public static bool IsValidKey(string? key) =>
        key is not null && key.Trim().Length is > 0 and <= Question.MaxKeyLength && !key.Any(char.IsControl);

    // The question with this key, created when new (with its text); concurrent creators both get the one row.
    public static async Task<Guid> FindOrCreateAsync(this ClaimTrackerDbContext db, string key, string? text, TimeProvider clock, CancellationToken ct)
    {
        var question = new Question(key, text, clock.GetUtcNow());
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO questions (id, key, text, created_at) VALUES ({question.Id}, {question.Key}, {question.Text}, {question.CreatedAt}) ON CONFLICT (key) DO NOTHING", ct);
        return await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM questions WHERE key = {question.Key}").SingleAsync(ct);
    }
}

public sealed class QuestionConfiguration : IEntityTypeConfiguration<Question>
{
    public void Configure(EntityTypeBuilder<Question> builder)
    {
        builder.Property(q => q.Key).HasMaxLength(Question.MaxKeyLength);
        builder.HasIndex(q => q.Key).IsUnique();
        builder.Property(q => q.Text).HasMaxLength(Claim.MaxStatementLength);
        // GET /questions pages newest first by (created_at, id).
        builder.HasIndex(q => new { q.CreatedAt, q.Id });
    }
}
