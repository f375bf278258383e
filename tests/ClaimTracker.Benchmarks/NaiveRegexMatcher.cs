using System.Text.RegularExpressions;
using ClaimTracker.Language;

namespace ClaimTracker.Benchmarks;

// The baseline the compiled matcher is measured against: one case-insensitive regular expression per surface form.
public sealed class NaiveRegexMatcher(IEnumerable<LexiconEntry> entries)
{
    private readonly (Regex Pattern, LexiconEntry Entry)[] _patterns = entries
        .SelectMany(e => e.SurfaceForms.Select(form => (new Regex($@"\b{Regex.Escape(form).Replace(@"\ ", @"\s+")}\b",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled), e)))
        .ToArray();

    public int Count(string text)
    {
        var found = 0;
        foreach (var (pattern, _) in _patterns)
            for (var match = pattern.Match(text); match.Success; match = match.NextMatch()) found++;
        return found;
    }
}
