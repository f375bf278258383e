using System.Security.Cryptography;
using ClaimTracker.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimTracker.Api.Features.Access;

// Each role includes the ones before it: an editor may read, an admin may edit.
public enum Role { Reader, Editor, Admin }

// A key is shown once, when it is created; the database keeps only the SHA-256 of its secret. The secret is 256
// random bits, so a fast hash is enough: there is no password to guess by brute force.
public sealed class ApiKey
{
    public const int MaxNameLength = 200;

    private ApiKey() { }

    private ApiKey(string name, Role role, string createdBy, DateTimeOffset now, byte[] secretHash)
    {
        Id = Guid.CreateVersion7(now);
        Name = name;
        Role = role;
        CreatedBy = createdBy;
        CreatedAt = now;
        SecretHash = secretHash;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public Role Role { get; private set; }
    public byte[] SecretHash { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset? RevokedAt { get; private set; }
    public string? RevokedBy { get; private set; }

    public static (ApiKey Key, string Token) Create(string name, Role role, string createdBy, DateTimeOffset now)
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        var key = new ApiKey(name, role, createdBy, now, SHA256.HashData(secret));
        return (key, ApiKeyToken.Format(key.Id, secret));
    }

    public bool Matches(ReadOnlySpan<byte> secret) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(secret), SecretHash);

    public void Revoke(string by, DateTimeOffset now)
    {
        if (RevokedAt is not null) throw new ConflictException($"The key '{Name}' was already revoked at {RevokedAt:O}.");
        RevokedAt = now;
        RevokedBy = by;
    }
}

// ctk_<key id, 32 hex digits>_<secret, 43 base64url characters>. The id lets the server find the key without a
// scan, and lets rate limiting tell keys apart before the database is asked.
public static class ApiKeyToken
{
    private const string Prefix = "ctk_";
    private const int IdLength = 32;
    private const int SecretLength = 43;
    public const int Length = 4 + IdLength + 1 + SecretLength;

    public static string Format(Guid id, byte[] secret) =>
        $"{Prefix}{id:N}_{Convert.ToBase64String(secret).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";

    public static bool TryParse(string? token, out Guid id, out byte[] secret)
    {
        id = Guid.Empty;
        secret = [];
        if (token is null || token.Length != Length || !token.StartsWith(Prefix, StringComparison.Ordinal) || token[Prefix.Length + IdLength] != '_')
            return false;
        if (!TryParseId(token, out id)) return false;
        try
        {
            var base64 = token[(Prefix.Length + IdLength + 1)..].Replace('-', '+').Replace('_', '/') + "=";
            secret = Convert.FromBase64String(base64);
            return secret.Length == 32;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    // Only the id part: enough to tell callers apart (rate limits); says nothing about whether the key is genuine.
    public static bool TryParseId(string? token, out Guid id)
    {
        id = Guid.Empty;
        return token is { Length: Length } && token.StartsWith(Prefix, StringComparison.Ordinal)
            && Guid.TryParseExact(token.AsSpan(Prefix.Length, IdLength), "N", out id);
    }
}

public sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.Property(k => k.Name).HasMaxLength(ApiKey.MaxNameLength);
        builder.Property(k => k.SecretHash).HasMaxLength(32);
        builder.Property(k => k.CreatedBy).HasMaxLength(300);
        builder.Property(k => k.RevokedBy).HasMaxLength(300);
        builder.HasIndex(k => k.CreatedAt);
    }
}
