using System.Globalization;
using System.Text.RegularExpressions;

namespace ClaimTracker.Language;

// What a claim states as fact beyond its wording: numbers, years, weekdays, months, names and whether it is negated.
// Two statements that read alike but differ in one of these are different claims ("met on Tuesday" / "met on
// Wednesday", "2,000 troops" / "20,000 troops"), however many words they share, so similarity matching demotes
// such a pair from a confirmed to a suggested match.
public enum FactKind { Number, Year, Weekday, Month, Negation, Name }

public readonly record struct FactToken(FactKind Kind, string Value);

public static partial class FactTokens
{
    public static IReadOnlyList<FactToken> Extract(string text)
    {
        var facts = new List<FactToken>();
        foreach (Match match in NumberPattern().Matches(text))
        {
            var digits = match.Value.Replace(",", "").Replace("\u00a0", "").Replace(" ", "");
            if (digits.Length == 4 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1800 and <= 2199)
                facts.Add(new FactToken(FactKind.Year, digits));
            else
                facts.Add(new FactToken(FactKind.Number, Normalise(digits)));
        }
        var negations = 0;
        var tokens = Tokenizer.Tokenize(text);
        for (var i = 0; i < tokens.Count; i++)
        {
            var word = tokens[i].Text;
            if (NumberWords.TryGetValue(word, out var number)) facts.Add(new FactToken(FactKind.Number, number));
            else if (Weekdays.TryGetValue(word, out var day) || (word.EndsWith('s') && Weekdays.TryGetValue(word[..^1], out day)))
                facts.Add(new FactToken(FactKind.Weekday, day));
            else if (Months.TryGetValue(word, out var month) && (!LowerCaseWords.Contains(word) || char.IsUpper(text[tokens[i].Start])))
                facts.Add(new FactToken(FactKind.Month, month));
            if (Negators.Contains(word) || word.EndsWith("n't", StringComparison.Ordinal)) negations++;
            // A capitalised word inside a sentence names someone or somewhere; the first word of a sentence may just be
            // capitalised, so it counts only when it is not a common sentence opener.
            var first = i == 0 || SentenceEnds(text, tokens[i - 1].End, tokens[i].Start);
            if (char.IsUpper(text[tokens[i].Start]) && word.Length > 1 && !Weekdays.ContainsKey(word.TrimEnd('s')) && !Months.ContainsKey(word)
                && !(first && Openers.Contains(word)))
                facts.Add(new FactToken(FactKind.Name, word));
        }
        // Only whether a statement is negated matters, not how often: "not true that he did not" affirms.
        if (negations % 2 == 1) facts.Add(new FactToken(FactKind.Negation, "not"));
        return facts;
    }

    // The kinds of fact in which the two texts disagree. Numbers, dates and negation differ when either text states
    // one the other does not; names only when each names someone the other does not (a substitution: "Putin" for
    // "Lavrov"), since a paraphrase often drops part of a name ("Kim Jong Un" / "Kim").
    public static IReadOnlyList<FactKind> Differences(string a, string b)
    {
        var left = Extract(a).ToHashSet();
        var right = Extract(b).ToHashSet();
        var differing = new List<FactKind>();
        foreach (var kind in Enum.GetValues<FactKind>())
        {
            var onlyLeft = left.Where(f => f.Kind == kind && !right.Contains(f)).ToList();
            var onlyRight = right.Where(f => f.Kind == kind && !left.Contains(f)).ToList();
            if (kind == FactKind.Name)
            {
                onlyLeft.RemoveAll(name => Mentions(b, name.Value));
                onlyRight.RemoveAll(name => Mentions(a, name.Value));
            }
            var differs = kind == FactKind.Name
                ? onlyLeft.Count > 0 && onlyRight.Count > 0 && !Overlaps(onlyLeft, onlyRight)
                : onlyLeft.Count > 0 || onlyRight.Count > 0;
            if (differs) differing.Add(kind);
        }
        return differing;
    }

    // A capitalised word the other text has in lower case is no name there ("Carrots improve..." / "Eating carrots..."),
    // and an acronym stands for the capitalised words it abbreviates ("WHO" / "World Health Organization").
    private static bool Mentions(string text, string name)
    {
        var tokens = Tokenizer.Tokenize(text);
        if (tokens.Any(t => t.Text == name)) return true;
        if (name.Length is < 2 or > 6) return false;
        for (var start = 0; start < tokens.Count; start++)
        {
            var initials = "";
            for (var i = start; i < tokens.Count && char.IsUpper(text[tokens[i].Start]) && initials.Length < name.Length; i++)
            {
                initials += tokens[i].Text[0];
                if (initials == name) return true;
            }
        }
        return false;
    }

    // "Pyongyang's" and "Pyongyang" are one name.
    private static bool Overlaps(List<FactToken> left, List<FactToken> right) =>
        left.Any(l => right.Any(r => l.Value.StartsWith(r.Value, StringComparison.Ordinal) || r.Value.StartsWith(l.Value, StringComparison.Ordinal)));

    private static bool SentenceEnds(string text, int from, int to) => text.AsSpan(from, to - from).IndexOfAny(".!?:\n") >= 0;

    // "2.50" and "2.5" are one number; "1.000" stays as written (a thousand in much of Europe, one elsewhere).
    private static string Normalise(string number) =>
        number.Contains('.') && !ThousandsDots().IsMatch(number) ? number.TrimEnd('0').TrimEnd('.') : number;

    [GeneratedRegex(@"(?<![\p{L}\d])\d{1,3}(?:[,\u00a0 ]\d{3})+(?:\.\d+)?(?!\d)|(?<![\p{L}\d])\d+(?:[.,]\d+)?")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^\d{1,3}(\.\d{3})+$")]
    private static partial Regex ThousandsDots();

    private static Dictionary<string, string> Words(params (string Value, string[] Words)[] groups) =>
        groups.SelectMany(g => g.Words.Select(w => (w, g.Value))).DistinctBy(p => p.w).ToDictionary(p => p.w, p => p.Value);

    // English, Portuguese, Spanish, French and German, the languages of the sample story and the ClaimReview crosswalk.
    private static readonly Dictionary<string, string> NumberWords = Words(
        ("1", ["one", "eins"]), ("2", ["two", "dois", "duas", "deux", "zwei"]),
        ("3", ["three", "três", "tres", "trois", "drei"]), ("4", ["four", "quatro", "cuatro", "quatre", "vier"]),
        ("5", ["five", "cinco", "cinq", "fünf"]), ("6", ["six", "seis", "sechs"]), ("7", ["seven", "sete", "siete", "sept", "sieben"]),
        ("8", ["eight", "oito", "ocho", "huit", "acht"]), ("9", ["nine", "nove", "nueve", "neuf", "neun"]),
        ("10", ["ten", "dez", "diez", "dix", "zehn"]), ("11", ["eleven"]), ("12", ["twelve", "dozen"]), ("20", ["twenty"]),
        // Ordinals count as their number, as "3rd" does ("third quarter" / "second quarter").
        ("1", ["first"]), ("2", ["second"]), ("3", ["third"]), ("4", ["fourth"]), ("5", ["fifth"]), ("6", ["sixth"]),
        ("100", ["hundred", "cem", "cien", "hundert"]), ("1000", ["thousand", "mil", "mille", "tausend"]),
        ("1000000", ["million", "millions", "milhão", "milhões", "millón", "millones", "millionen"]),
        ("1000000000", ["billion", "billions", "bilhão", "bilhões", "milliard", "milliarden"]));

    private static readonly Dictionary<string, string> Weekdays = Words(
        ("monday", ["monday", "segunda-feira", "lunes", "lundi", "montag"]), ("tuesday", ["tuesday", "terça-feira", "martes", "mardi", "dienstag"]),
        ("wednesday", ["wednesday", "quarta-feira", "miércoles", "mercredi", "mittwoch"]),
        ("thursday", ["thursday", "quinta-feira", "jueves", "jeudi", "donnerstag"]), ("friday", ["friday", "sexta-feira", "viernes", "vendredi", "freitag"]),
        ("saturday", ["saturday", "sábado", "samedi", "samstag"]), ("sunday", ["sunday", "domingo", "dimanche", "sonntag"]),
        ("yesterday", ["yesterday", "ontem", "ayer", "gestern"]), ("today", ["today", "hoje", "hoy", "aujourd'hui", "heute"]),
        ("tomorrow", ["tomorrow", "amanhã", "mañana", "demain", "morgen"]));

    private static readonly Dictionary<string, string> Months = Words(
        ("01", ["january", "janeiro", "enero", "janvier", "januar"]), ("02", ["february", "fevereiro", "febrero", "février", "februar"]),
        ("03", ["march", "março", "marzo", "mars", "märz"]), ("04", ["april", "abril", "avril"]), ("05", ["may", "maio", "mayo", "mai"]),
        ("06", ["june", "junho", "junio", "juin", "juni"]), ("07", ["july", "julho", "julio", "juillet", "juli"]),
        ("08", ["august", "agosto", "août"]), ("09", ["september", "setembro", "septiembre", "septembre"]),
        ("10", ["october", "outubro", "octubre", "octobre", "oktober"]), ("11", ["november", "novembro", "noviembre", "novembre"]),
        ("12", ["december", "dezembro", "diciembre", "décembre", "dezember"]));

    // English months that are also common words ("Kim may travel", "troops march"): months only when capitalised.
    private static readonly HashSet<string> LowerCaseWords = ["may", "march"];

    private static readonly HashSet<string> Negators =
        ["not", "no", "never", "nobody", "nothing", "neither", "nor", "não", "nunca", "nem", "nadie", "jamais", "pas", "nicht", "kein", "keine"];

    private static readonly HashSet<string> Openers =
        ["the", "a", "an", "this", "that", "these", "those", "it", "he", "she", "they", "we", "i", "there", "some", "many", "no",
         "o", "os", "as", "el", "la", "los", "las", "le", "les", "der", "die", "das", "ein", "eine", "un", "une", "uma"];
}
