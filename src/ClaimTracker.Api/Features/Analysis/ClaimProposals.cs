using ClaimTracker.Api.Features.Articles;
using ClaimTracker.Api.Features.Claims;
using ClaimTracker.Api.Features.Lexicon;
using ClaimTracker.Api.Features.Sources;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Language;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Analysis;

// A claim the text seems to make, ready to record: Claim is the body of POST /claims, to send as it is or edited.
public sealed record ClaimProposal(
    int Sentence, AnalysisResponse.Clause Clause, IReadOnlyList<ClaimProposal.Link> Chain, RecordClaim.Command Claim)
{
    // Source: the stored source this link was matched to by name, slug or alias; null when it would be created.
    public sealed record Link(string Name, string? Mention, ChainRole Role, PartyKind Kind, bool FromArticle, SourceLink? Source);
}

public sealed record ArticleProposals(ArticleResponse Article, string Language, int LexiconVersion, AnalysisResponse.Counts Summary, IReadOnlyList<ClaimProposal> Proposals);

// Reads an article's body and turns its hedged claims and attributed assertions into proposals:
//  - each party of a chain is matched to a stored source by name, slug or alias, or else proposed as a new
//    inline source of the kind the analysis guessed; an unnamed party ("an unidentified official") becomes an
//    anonymous source scoped by the next named link of its chain (the outlet that quoted it);
//  - the article's own wire and publisher are left to the chain completion of POST /claims;
//  - a clause that appears twice (a headline repeated above the story) is proposed once.
public sealed class ProposalBuilder(ClaimTrackerDbContext db, LexiconCache lexicon, SourceResolver sources)
{
    public async Task<ArticleProposals> BuildAsync(Article article, string body, CancellationToken ct)
    {
        var snapshot = await lexicon.RequireAsync(db, article.Language, "language", ct);
        var context = new ArticleContext(article.Publisher.Name, article.SyndicatedFrom?.Name,
            PublisherAliases: [article.Publisher.Slug, .. article.Publisher.Aliases],
            SyndicatedFromAliases: article.SyndicatedFrom is { } wire ? [wire.Slug, .. wire.Aliases] : null);
        var analysis = new TextAnalyzer(snapshot.Matcher).Analyze(body, context);

        var clauses = analysis.Proposals
            .Where(p => p.Clause.Text.Length <= Report.MaxQuoteLength && p.Clause.Statement.Length is > 0 and <= Claim.MaxStatementLength)
            .DistinctBy(p => p.Clause.Text)
            .ToList();
        var named = clauses.SelectMany(p => p.Clause.Chain).Where(l => !l.Unnamed && !l.FromArticle)
            .SelectMany(l => new[] { l.Name, l.Mention }).OfType<string>();
        var matches = await sources.MatchByNameAsync(named, ct);
        var proposals = clauses.Select(p => Propose(p.Sentence.Index, p.Clause, article, matches)).ToList();

        // An unnamed party is known by its scoped slug ("yonhap.intelligence-authorities"), never by its words alone.
        var scoped = proposals.SelectMany(p => p.Claim.Report.Chain ?? []).Select(l => l.Source)
            .Where(r => r.Kind == SourceKind.Anonymous).Select(r => Slugs.From(r.Name!, r.Scope)).Distinct().ToList();
        var known = await db.Sources.AsNoTracking().Where(s => scoped.Contains(s.Slug)).ToDictionaryAsync(s => s.Slug, ct);
        proposals = proposals.Select(p => WithKnownScopedSources(p, known)).ToList();
        var full = AnalysisResponse.From(analysis, snapshot);
        return new ArticleProposals(ArticleResponse.From(article), snapshot.Language, snapshot.Version, full.Summary, proposals);
    }

    private static ClaimProposal Propose(int sentence, ClauseAnalysis clause, Article article, IReadOnlyDictionary<string, Source> matches)
    {
        Source? Match(ChainParty party) =>
            matches.GetValueOrDefault(party.Name) ?? (party.Mention is null ? null : matches.GetValueOrDefault(party.Mention));

        var links = clause.Chain.Select(party => (Party: party, Source: party.FromArticle ? FromArticle(party, article) : Match(party))).ToList();
        var chain = links.Select(l => new ClaimProposal.Link(l.Party.Name, l.Party.Mention, l.Party.Role, l.Party.Kind, l.Party.FromArticle,
            l.Source is null ? null : new SourceLink(l.Source.Id, l.Source.Slug, l.Source.Name))).ToList();

        var given = links.Where(l => !l.Party.FromArticle).ToList();
        var references = given.Select(l => new ChainLinkInput(Reference(l.Party, l.Source, ScopeAfter(links, l.Party)), l.Party.Role)).ToList();
        var claim = new RecordClaim.Command(
            clause.Statement,
            [],
            new ReportInput(new ArticleRef(Id: article.Id), clause.Text, references,
                HedgeWords: clause.Cues.Select(c => c.MatchedText).Distinct(StringComparer.OrdinalIgnoreCase).ToList()));
        return new ClaimProposal(sentence, AnalysisResponse.ToClause(clause), chain, claim);
    }

    private static ClaimProposal WithKnownScopedSources(ClaimProposal proposal, Dictionary<string, Source> known)
    {
        var chain = proposal.Claim.Report.Chain ?? [];
        var given = proposal.Chain.Where(l => !l.FromArticle).ToList();
        var links = proposal.Chain.ToList();
        var references = chain.ToList();
        for (var i = 0; i < references.Count; i++)
        {
            var reference = references[i].Source;
            if (reference.Kind != SourceKind.Anonymous || !known.TryGetValue(Slugs.From(reference.Name!, reference.Scope), out var source)) continue;
            references[i] = references[i] with { Source = new SourceRef(Slug: source.Slug) };
            links[links.IndexOf(given[i])] = given[i] with { Source = new SourceLink(source.Id, source.Slug, source.Name) };
        }
        return proposal with { Chain = links, Claim = proposal.Claim with { Report = proposal.Claim.Report with { Chain = references } } };
    }

    private static Source? FromArticle(ChainParty party, Article article) =>
        party.Role == ChainRole.Publisher || party.Name == article.Publisher.Name ? article.Publisher : article.SyndicatedFrom;

    private static SourceRef Reference(ChainParty party, Source? match, string? scope) =>
        match is not null
            ? new SourceRef(Slug: match.Slug)
            : new SourceRef(Name: party.Name, Kind: SnakeCase.Parse<SourceKind>(SnakeCase.Name(party.Unnamed ? PartyKind.Anonymous : party.Kind)),
                Scope: party.Unnamed ? scope : null);

    // The outlet that quoted an unnamed party: the next named link after it, matched or as it will be created.
    private static string? ScopeAfter(List<(ChainParty Party, Source? Source)> links, ChainParty party)
    {
        var next = links.SkipWhile(l => !ReferenceEquals(l.Party, party)).Skip(1).FirstOrDefault(l => !l.Party.Unnamed);
        return next.Party is null ? null : next.Source?.Slug ?? Slugs.From(next.Party.Name);
    }
}
