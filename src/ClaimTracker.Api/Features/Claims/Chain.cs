using ClaimTracker.Api.Features.Articles;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Language;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimTracker.Api.Features.Claims;

// One link of an attribution chain, in order from whoever first said it to whoever published it.
public sealed class ChainLink
{
    public int Position { get; private set; }
    public Guid SourceId { get; private set; }
    public ChainRole Role { get; private set; }
    public Source Source { get; private set; } = null!;

    public ChainLink(int position, Guid sourceId, ChainRole role) => (Position, SourceId, Role) = (position, sourceId, role);
}

public sealed record ChainLinkInput(SourceRef Source, ChainRole? Role = null)
{
    public sealed class Validator : AbstractValidator<ChainLinkInput>
    {
        public Validator()
        {
            RuleFor(l => l.Source).NotNull().SetValidator(new SourceRef.Validator());
        }
    }
}

public static class Chains
{
    public const int MaxLength = 12;

    // The shape of a chain as the caller wrote it: it starts at its single origin and only its last link may be the publisher.
    public static void AddChainRules<T>(this AbstractValidator<T> validator, Func<T, IReadOnlyList<ChainLinkInput>?> chain, string path)
    {
        validator.RuleFor(x => chain(x)).Must(links => links is null || links.Count <= MaxLength)
            .OverridePropertyName(path).WithMessage($"A chain has at most {MaxLength} links.");
        validator.RuleForEach(x => chain(x)).NotNull().WithMessage("A link is an object with 'source' and an optional 'role'.")
            .SetValidator(new ChainLinkInput.Validator()).OverridePropertyName(path);
        validator.RuleFor(x => chain(x)).Must(StartAtItsOnlyOrigin).When(x => IsComplete(chain(x)))
            .OverridePropertyName(path).WithMessage("The first link is the origin, and there is only one origin.");
        validator.RuleFor(x => chain(x)).Must(EndWithThePublisher).When(x => IsComplete(chain(x)))
            .OverridePropertyName(path).WithMessage("Only the last link can be the publisher.");
    }

    private static bool IsComplete(IReadOnlyList<ChainLinkInput>? links) => links is { Count: > 0 } && links.All(l => l is not null);

    private static bool StartAtItsOnlyOrigin(IReadOnlyList<ChainLinkInput>? links) =>
        links![0].Role is ChainRole.Origin or null && links.Skip(1).All(l => l.Role != ChainRole.Origin);

    private static bool EndWithThePublisher(IReadOnlyList<ChainLinkInput>? links) =>
        links!.SkipLast(1).All(l => l.Role != ChainRole.Publisher);

    // The caller names who said it and who passed it on; the article supplies the rest.
    //  - Without a role, the first link is the origin and the others are relays; the article's publisher,
    //    when named after the origin, is the publisher and must come last.
    //  - The article's syndication source joins as a relay just before the publisher, and the publisher
    //    joins last, when the caller left them out.
    //  - With no chain at all, the article speaks for itself: its syndication source (or else its
    //    publisher) is the origin.
    public static List<ChainLink> Complete(IReadOnlyList<(Source Source, ChainRole? Role)> given, Article article, string path)
    {
        var repeated = given.GroupBy(l => l.Source.Id).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw Invalid(path, $"'{repeated.First().Source.Slug}' appears more than once; each source is one link.");

        var links = given.Select((l, i) => (l.Source, Role: l.Role ?? (i == 0 ? ChainRole.Origin : ChainRole.Relay))).ToList();
        var publisherAt = links.FindIndex(l => l.Source.Id == article.PublisherId);
        if (publisherAt > 0)
        {
            if (publisherAt != links.Count - 1)
                throw Invalid(path, $"The article's publisher, '{article.Publisher.Slug}', can only be the last link.");
            links[publisherAt] = (links[publisherAt].Source, ChainRole.Publisher);
        }
        if (links.Any(l => l.Role == ChainRole.Publisher && l.Source.Id != article.PublisherId))
            throw Invalid(path, $"The publisher in the chain must be the article's publisher, '{article.Publisher.Slug}'.");

        if (article.SyndicatedFrom is { } wire && links.All(l => l.Source.Id != wire.Id))
        {
            var before = links.FindIndex(l => l.Role == ChainRole.Publisher);
            links.Insert(before < 0 ? links.Count : before, (wire, links.Count == 0 ? ChainRole.Origin : ChainRole.Relay));
        }
        if (links.All(l => l.Source.Id != article.PublisherId))
            links.Add((article.Publisher, links.Count == 0 ? ChainRole.Origin : ChainRole.Publisher));

        return links.Select((l, i) => new ChainLink(i, l.Source.Id, l.Role)).ToList();
    }

    private static ValidationException Invalid(string path, string message) => new([new ValidationFailure(path, message)]);
}

public static class ChainMapping
{
    // Reports and evidence keep their chains in tables of their own, one row per link.
    public static void MapChain<TOwner>(this OwnedNavigationBuilder<TOwner, ChainLink> chain, string table, string ownerKey)
        where TOwner : class
    {
        chain.ToTable(table);
        chain.WithOwner().HasForeignKey(ownerKey);
        chain.HasKey(ownerKey, nameof(ChainLink.Position));
        chain.Property(l => l.Position).ValueGeneratedNever();
        chain.Property(l => l.Role).HasMaxLength(20);
        chain.HasOne(l => l.Source).WithMany().HasForeignKey(l => l.SourceId).OnDelete(DeleteBehavior.Restrict);
        chain.HasIndex(l => l.SourceId);
    }
}
