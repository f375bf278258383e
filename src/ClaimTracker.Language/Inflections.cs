namespace ClaimTracker.Language;

// Regular English verb forms, with the irregular reporting verbs news leans on.
public static class Inflections
{
    private static readonly Dictionary<string, string[]> Irregular = new(StringComparer.Ordinal)
    {
        ["say"] = ["says", "said", "saying"],
        ["tell"] = ["tells", "told", "telling"],
        ["think"] = ["thinks", "thought", "thinking"],
        ["write"] = ["writes", "wrote", "written", "writing"],
        ["hold"] = ["holds", "held", "holding"],
        ["mean"] = ["means", "meant", "meaning"],
        ["speak"] = ["speaks", "spoke", "spoken", "speaking"],
        ["hear"] = ["hears", "heard", "hearing"],
        ["understand"] = ["understands", "understood", "understanding"],
    };

    public static IEnumerable<string> OfPhrase(string phrase)
    {
        var parts = phrase.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) yield break;
        var rest = parts.Length > 1 ? " " + parts[1] : "";
        foreach (var form in OfVerb(parts[0])) yield return form + rest;
    }

    public static IEnumerable<string> OfVerb(string verb)
    {
        var v = verb.ToLowerInvariant();
        yield return v;
        if (Irregular.TryGetValue(v, out var forms))
        {
            foreach (var form in forms) yield return form;
            yield break;
        }
        if (v.Length < 2) yield break;

        var consonantY = v.EndsWith('y') && !IsVowel(v[^2]);
        yield return consonantY ? v[..^1] + "ies"
            : v.EndsWith('s') || v.EndsWith('x') || v.EndsWith('z') || v.EndsWith("ch") || v.EndsWith("sh") ? v + "es"
            : v + "s";
        yield return consonantY ? v[..^1] + "ied" : v.EndsWith('e') ? v + "d" : v + "ed";
        yield return v.EndsWith("ie") ? v[..^2] + "ying"
            : v.EndsWith('e') && !v.EndsWith("ee") ? v[..^1] + "ing"
            : v + "ing";
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';
}
