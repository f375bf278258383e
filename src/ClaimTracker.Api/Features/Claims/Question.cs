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

public sealed class QuestionConfiguration : IEntityTypeConfiguration<Question>
{
    public void Configure(EntityTypeBuilder<Question> builder)
    {
        builder.Property(q => q.Key).HasMaxLength(Question.MaxKeyLength);
        builder.HasIndex(q => q.Key).IsUnique();
        builder.Property(q => q.Text).HasMaxLength(Claim.MaxStatementLength);
    }
}
