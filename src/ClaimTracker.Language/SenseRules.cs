namespace ClaimTracker.Language;

// Some single cue words have a common second sense that says nothing about likelihood: "appeared in three
// films", "certain kinds of", "military might", "a key suspect", "the dagger indicates extinct taxa",
// "members may vote", "claimed the lives of". Each rule looks only at the words next to the cue, within its
// clause, and is kept narrow: a sentence the rules cannot tell apart keeps its cue, since a missed hedge
// hides a doubt while a false one only adds a flag a reader can dismiss.
internal static class SenseRules
{
    private delegate bool Rule(Neighbours words);

    private static readonly Dictionary<string, Rule> Rules = new(StringComparer.Ordinal);

    static SenseRules()
    {
        foreach (var form in Inflections.OfVerb("appear")) Rules[form] = ShowsUp;
        Rules["certain"] = IsDeterminer;
        Rules["possible"] = IsNotALikelihood;
        Rules["might"] = IsStrength;
        foreach (var form in new[] { "suspect", "suspects" }) Rules[form] = IsAPerson;
        foreach (var form in Inflections.OfVerb("suggest").Concat(Inflections.OfVerb("indicate"))) Rules[form] = HasASymbolForSubject;
        Rules["may"] = GivesPermission;
        foreach (var form in Inflections.OfVerb("claim")) Rules[form] = TakesAPrize;
        Rules["said"] = IsAnAdjective;
    }

    public static bool MeansSomethingElse(string text, List<Token> tokens, int index, int length) =>
        length == 1 && Rules.TryGetValue(tokens[index].Text, out var rule) && rule(new Neighbours(text, tokens, index));

    // "has appeared in several films", "appeared on television", "appears as Hamlet": showing up, not seeming.
    // "appears to", "it appears that", "appeared nervous" and "appears as if" keep their cue.
    private static readonly HashSet<string> PlaceAfterAppear =
    [
        "in", "on", "at", "before", "with", "alongside", "opposite", "onstage", "onscreen", "during", "for", "from", "inside",
        "under", "between", "among", "together", "live", "regularly", "frequently", "briefly", "twice", "again",
    ];

    private static bool ShowsUp(Neighbours w) =>
        w.Next(1) is { } next && (PlaceAfterAppear.Contains(next) || char.IsDigit(next[0])
            || (next == "as" && w.Next(2) is not ("if" or "though")));

    // "certain kinds of", "a certain number": choosing, not knowing. "It is certain", "certain that",
    // "certain to", "almost certain" (a phrase of its own) and "certain" at the end of a clause keep their cue.
    private static readonly HashSet<string> BeforePredicativeCertain =
    [
        "is", "are", "was", "were", "be", "been", "being", "am", "seem", "seems", "seemed", "appear", "appears", "appeared",
        "look", "looks", "looked", "feel", "feels", "felt", "remain", "remains", "remained", "become", "becomes", "became",
        "nearly", "quite", "absolutely", "fairly", "reasonably", "completely", "entirely", "very", "so", "too", "more", "less",
        "most", "not", "for", "make", "makes", "made", "making",
    ];

    private static readonly HashSet<string> AfterPredicativeCertain =
        ["that", "to", "of", "about", "whether", "if", "how", "what", "when", "where", "who", "why", "which", "enough"];

    private static bool IsDeterminer(Neighbours w) =>
        w.Next(1) is { } next && !AfterPredicativeCertain.Contains(next)
        && !(w.Previous(1) is { } previous && (BeforePredicativeCertain.Contains(previous) || previous.EndsWith("'s") || previous.EndsWith("'re") || previous.EndsWith("'m")));

    // "as soon as possible", "wherever possible", "made it possible": what can be done, not what may be true.
    // "Make" reaches over its object ("made the new library possible") when nothing follows but "to" or "for".
    private static bool IsNotALikelihood(Neighbours w)
    {
        if (w.Previous(1) is "as" or "wherever" or "whenever" or "make" or "makes" or "made" or "making") return true;
        if (w.Next(1) is not (null or "to" or "for")) return false;
        for (var k = 2; k <= 5 && w.Previous(k) is { } previous; k++)
            if (previous is "make" or "makes" or "made" or "making") return true;
        return false;
    }

    // The noun: "military might", "with all his might", "might makes right".
    private static readonly HashSet<string> BeforeTheNounMight =
    [
        "the", "its", "his", "her", "their", "our", "my", "your", "whose", "all", "military", "economic", "naval", "industrial",
        "financial", "full", "sheer", "great",
    ];

    private static bool IsStrength(Neighbours w) =>
        (w.Previous(1) is { } previous && BeforeTheNounMight.Contains(previous)) || w.Next(1) is "makes" or "make" or "is";

    // The noun: "a key suspect", "the suspects were". "Police suspect that" keeps its cue; so does "the suspected
    // killer", which hedges like "the alleged killer".
    private static readonly HashSet<string> BeforeTheNounSuspect =
    [
        "a", "an", "the", "this", "that", "these", "those", "key", "main", "prime", "chief", "principal", "only", "another",
        "one", "two", "three", "four", "several", "no", "any", "each", "every", "his", "her", "their", "its", "our", "my", "your",
        "murder", "terror", "terrorism", "potential", "top", "lead", "usual", "fellow", "other", "first", "second", "new",
        "remaining", "both", "all",
    ];

    private static bool IsAPerson(Neighbours w) => w.Previous(1) is { } previous && BeforeTheNounSuspect.Contains(previous);

    // "As the title suggests", "the dagger indicates that the taxon is extinct": a sign read by convention, not
    // evidence weighed. "Signs indicate" and "his words suggest" keep their cue.
    private static readonly HashSet<string> Symbols =
    [
        "name", "names", "title", "titles", "symbol", "symbols", "dagger", "daggers", "asterisk", "asterisks", "mark", "marks",
        "label", "labels", "icon", "icons", "abbreviation", "prefix", "suffix", "term", "letter", "letters", "colour", "color",
        "colours", "colors", "bold", "italics", "superscript", "subscript", "footnote", "numeral",
    ];

    private static bool HasASymbolForSubject(Neighbours w) => w.Previous(1) is { } previous && Symbols.Contains(previous);

    // Permission: "either player may offer a draw", "members may vote". A role noun before "may" and an action
    // after it; "players may have been injured" and "members may not vote" keep their cue.
    private static readonly HashSet<string> Roles =
    [
        "player", "players", "member", "members", "user", "users", "visitor", "visitors", "citizen", "citizens", "candidate",
        "candidates", "applicant", "applicants", "student", "students", "participant", "participants", "voter", "voters",
        "employee", "employees", "owner", "owners", "holder", "holders", "guest", "guests", "passenger", "passengers",
        "customer", "customers", "shareholders", "delegates", "team", "teams", "side", "anyone", "everyone",
    ];

    private static readonly HashSet<string> AfterEpistemicMay =
    [
        "be", "have", "not", "well", "also", "already", "never", "soon", "yet", "still", "even", "only", "just", "ever",
        "possibly", "perhaps", "eventually", "in", "one",
    ];

    private static bool GivesPermission(Neighbours w) =>
        w.Previous(1) is { } previous && Roles.Contains(previous) && w.Next(1) is { } next && !AfterEpistemicMay.Contains(next);

    // Taking, not asserting: "claimed the lives of", "claimed 200 lives", "claimed the title". Looks past a few
    // determiners and numbers to the thing taken.
    private static readonly HashSet<string> Prizes =
    [
        "life", "lives", "title", "titles", "championship", "championships", "crown", "throne", "medal", "medals", "gold",
        "silver", "bronze", "trophy", "trophies", "cup", "record", "prize", "prizes", "seat", "seats", "victims", "pole", "asylum",
        "benefits",
    ];

    private static readonly HashSet<string> BeforeAPrize =
    [
        "the", "a", "an", "his", "her", "their", "its", "several", "many", "some", "hundreds", "thousands", "millions", "dozens",
        "countless", "more", "over", "nearly", "about", "at", "least", "first", "second", "third", "another", "two", "three",
        "four", "five", "six", "seven", "eight", "nine", "ten", "of",
    ];

    private static bool TakesAPrize(Neighbours w)
    {
        for (var k = 1; k <= 5 && w.Next(k) is { } next; k++)
        {
            if (Prizes.Contains(next)) return true;
            if (!BeforeAPrize.Contains(next) && !char.IsDigit(next[0])) return false;
        }
        return false;
    }

    // "the said graphics" (legal style for "that"), and "That said, ...": no one is reported as saying anything.
    // "those said to be involved" is the passive weasel frame and keeps its cue.
    private static bool IsAnAdjective(Neighbours w) =>
        (w.Previous(1) is "the" or "these" or "those" or "such" && w.Next(1) is not (null or "to"))
        || (w.Previous(1) is "that" && w.Previous(2) is null && w.Next(1) is null);

    // The words around a cue, inside its clause: null past a comma, full stop or other clause break.
    private readonly record struct Neighbours(string Text, List<Token> Tokens, int Index)
    {
        public string? Previous(int k) => At(Index - k, Index);

        public string? Next(int k) => At(Index + k, Index);

        private string? At(int target, int from)
        {
            if (target < 0 || target >= Tokens.Count) return null;
            var (low, high) = target < from ? (target, from) : (from, target);
            for (var j = low; j < high; j++)
                if (HedgeMatcher.HasClauseBreak(Text, Tokens[j].End, Tokens[j + 1].Start)) return null;
            return Tokens[target].Text;
        }
    }
}
