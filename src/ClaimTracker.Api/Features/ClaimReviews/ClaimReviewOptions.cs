using ClaimTracker.Api.Infrastructure;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Api.Features.ClaimReviews;

// Who this installation is when it publishes ClaimReview: the reviews' author, where a reader finds each review, and the
// language their verdict words are in.
public sealed class ClaimReviewOptions
{
    public const string Section = "ClaimTracker:ClaimReview";
    public const string IdPlaceholder = "{id}";

    public OrganizationOptions Organization { get; set; } = new();

    // The public page of a claim, e.g. https://factcheck.example.org/claims/{id}. Unset: the claim's API address.
    public string? PublicUrlTemplate { get; set; }

    // The language of the verdict words (alternateName), which are this installation's, not the claim's.
    public string Language { get; set; } = "en";

    public sealed class OrganizationOptions
    {
        public string Name { get; set; } = "ClaimTracker";
        public string? Url { get; set; }
    }

    public string ReviewUrl(Guid claimId, string apiBaseUrl) =>
        PublicUrlTemplate is { Length: > 0 } template
            ? template.Replace(IdPlaceholder, claimId.ToString(), StringComparison.Ordinal)
            : $"{apiBaseUrl.TrimEnd('/')}/claims/{claimId}";

    public sealed class Validation : IValidateOptions<ClaimReviewOptions>
    {
        public ValidateOptionsResult Validate(string? name, ClaimReviewOptions options)
        {
            var errors = new List<string>();
            if (string.IsNullOrWhiteSpace(options.Organization.Name) || options.Organization.Name.Length > 200)
                errors.Add($"{Section}:Organization:Name is the name of the organisation that publishes the reviews (1 to 200 characters).");
            if (options.Organization.Url is { } url && !IsWebAddress(url))
                errors.Add($"{Section}:Organization:Url is an absolute http or https address, e.g. https://factcheck.example.org.");
            if (options.PublicUrlTemplate is { } template &&
                (!template.Contains(IdPlaceholder, StringComparison.Ordinal) || !IsWebAddress(template.Replace(IdPlaceholder, Guid.Empty.ToString()))))
                errors.Add($"{Section}:PublicUrlTemplate is an absolute http or https address with {IdPlaceholder} where the claim's id goes.");
            if (!LanguageTags.IsValid(options.Language))
                errors.Add($"{Section}:Language is {LanguageTags.Rule}.");
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }

        private static bool IsWebAddress(string text) =>
            Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
    }
}
