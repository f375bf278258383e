using ClaimTracker.Api.Features.Scoring;
using ClaimTracker.Api.Infrastructure;
using ClaimTracker.Scoring;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Api.Features.Claims;

// The claim graded on the two axes of the NATO Admiralty code (DOMAIN.md), kept apart as ICD 203 asks:
//  - Reliability: the band (A completely reliable … E unreliable, F cannot be judged) of the most reliable origin among
//    the claim's reports, from the current scoring run (F before any run, or when no origin was scored).
//  - Credibility: 1 confirmed by independent sources, 2 probably true, 3 possibly true, 4 doubtful, 5 improbable,
//    6 cannot be judged; from the status, the truth estimate and the independent confirmations (see CredibilityOf).
public sealed record AdmiraltyCode(string Reliability, int Credibility, string Code, string Reason)
{
    // Thresholds of the truth estimate for an open claim: 2 from 0.8, 3 from 0.55, 4 from 0.3, 5 below.
    public static (int Digit, string Reason) CredibilityOf(ClaimStatus status, double? probability, int independentConfirmations) => status switch
    {
        ClaimStatus.True or ClaimStatus.Superseded => (1, "resolved true by a fact-checker"),
        ClaimStatus.Confirmed when independentConfirmations >= 2 => (1, $"confirmed by {independentConfirmations} independent sources"),
        ClaimStatus.Confirmed => (2, "confirmed, but by one independent source (or by interested ones) only"),
        ClaimStatus.PartlyConfirmed or ClaimStatus.Mixed => (3, "partly confirmed"),
        ClaimStatus.Contradicted or ClaimStatus.False => (5, "contradicted"),
        ClaimStatus.Unresolvable => (6, "resolved as unresolvable"),
        _ => probability switch
        {
            null => (6, "no truth estimate yet: cannot be judged"),
            >= 0.8 => (2, $"probably true: estimate {probability:0.00}"),
            >= 0.55 => (3, $"possibly true: estimate {probability:0.00}"),
            >= 0.3 => (4, $"doubtful: estimate {probability:0.00}"),
            _ => (5, $"improbable: estimate {probability:0.00}"),
        },
    };

    // Bands: those of the claim's report origins in the current scoring run; probability: its estimate there.
    public static AdmiraltyCode Of(ClaimResponse claim, IReadOnlyCollection<Band> bands, double? probability)
    {
        var band = bands.Count == 0 ? Band.F : bands.Min();
        var independent = claim.Evidence
            .Where(e => e.Conclusive && e.Stance == Stance.Confirms && !e.Interested)
            .Select(e => e.Chain[0].Source.Id).Distinct().Count();
        var (digit, reason) = CredibilityOf(claim.Status, probability, independent);
        var letter = band.ToString();
        var source = bands.Count == 0 ? "no origin of its reports has been scored" : $"its most reliable origin is band {letter}";
        return new AdmiraltyCode(letter, digit, $"{letter}{digit}", $"{source}; {reason}.");
    }
}
