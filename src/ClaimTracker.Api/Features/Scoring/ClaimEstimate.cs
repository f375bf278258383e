using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimTracker.Api.Features.Scoring;

public sealed class ClaimEstimate
{
    public Guid RunId { get; private set; }
    public Guid ClaimId { get; private set; }
    public double Probability { get; private set; }
    public double AffirmWeight { get; private set; }
    public double DenyWeight { get; private set; }

    // The explanation: the strongest pushes on the estimate, one per source group, as parallel arrays (entry i of each
    // is one push). A run writes one for every open claim; typed arrays go through COPY in binary, where JSON would
    // have to be parsed by the database row by row.
    public List<Guid> PushSources { get; private set; } = [];
    public List<bool> PushAffirms { get; private set; } = [];
    public List<double> PushWeights { get; private set; } = [];
    public List<double> PushReliabilities { get; private set; } = [];
    public List<double> PushLogOdds { get; private set; } = [];
    public List<bool> PushShared { get; private set; } = [];
}

public sealed class ClaimEstimateConfiguration : IEntityTypeConfiguration<ClaimEstimate>
{
    public void Configure(EntityTypeBuilder<ClaimEstimate> builder)
    {
        builder.HasKey(e => new { e.RunId, e.ClaimId });
        // GET /claims?sort=-probability (id breaking ties) and minProbability/maxProbability read a run's estimates in probability order.
        builder.HasIndex(e => new { e.RunId, e.Probability, e.ClaimId });
    }
}
