namespace ClaimTracker.Language;

// Someone a sentence attributes its content to: named ("Yonhap news agency", "Yang Moo-jin") or unnamed
// ("an unidentified official", "US and other officials"). Name is what a source would be called; Mention is
// the text as written.
public sealed record Party(string Name, string Mention, TextSpan Span, PartyKind Kind, bool Unnamed);

// One act of attribution: a speaker, perhaps who they told and whom they cited, and the verb that says so.
internal sealed record AttributionEvent(
    Party Speaker, Party? Recipient, IReadOnlyList<Party> Cited, TextSpan Verb, TextSpan Extent, TextSpan Content);

// Finds attributions in a sentence with a handful of patterns over its words:
//  - subject and reporting verb: "Experts suggest", "The Kremlin has refused to confirm", "Seoul 'expects'";
//    a subject with an appositive ("Andrei Lankov, a North Korea expert at ..., told AFP") is found past it;
//  - inverted: "..., said Yang Moo-jin, president of ..."; "according to X";
//  - recipients and citations: "told The New York Times", "reported Monday, citing unidentified officials".
// Each attribution covers some content: what follows a leading "X said", what precedes a trailing "..., X said",
// and the rest of the sentence around a parenthetical ", Washington says,"; an attribution inside a quotation
// covers no more than the quotation. A chain orders the speakers from the innermost (the origin) outwards.
internal sealed class AttributionFinder
{
    private static readonly HashSet<string> ReportingVerbs = Forms(
        "say", "tell", "report", "claim", "state", "announce", "add", "note", "write", "warn", "insist", "argue", "allege",
        "confirm", "deny", "believe", "expect", "suggest", "think", "estimate", "predict", "assess", "fear", "acknowledge",
        "admit", "explain", "refuse", "decline", "indicate", "caution", "stress", "reiterate", "contend", "maintain", "accuse");

    private static readonly HashSet<string> InvertibleVerbs = Forms("say", "add", "note", "write", "tell", "claim", "explain", "warn");
    private static readonly HashSet<string> RecipientVerbs = Forms("tell");
    private static readonly HashSet<string> CitationWords = new(StringComparer.Ordinal) { "citing", "cited", "quoting" };

    // What each of those words can do, so that the scan over a sentence looks each word up once.
    [Flags]
    private enum Role { Reporting = 1, Invertible = 2, Recipient = 4, Citation = 8 }

    private static readonly Dictionary<string, Role> Roles = RolesOf(
        (ReportingVerbs, Role.Reporting), (InvertibleVerbs, Role.Invertible), (RecipientVerbs, Role.Recipient), (CitationWords, Role.Citation));

    private static Dictionary<string, Role> RolesOf(params (HashSet<string> Words, Role Role)[] lists)
    {
        var roles = new Dictionary<string, Role>(StringComparer.Ordinal);
        foreach (var (words, role) in lists)
            foreach (var word in words)
                roles[word] = roles.GetValueOrDefault(word) | role;
        return roles;
    }

    // Words that may trail a reporting clause without carrying content: "reported Monday", "said at the weekend".
    private static readonly HashSet<string> TimeWords = new(StringComparer.Ordinal)
    {
        "on", "at", "in", "the", "last", "this", "earlier", "later", "late", "weekend", "week", "month", "year", "day",
        "today", "yesterday", "tonight", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "morning", "afternoon", "evening", "night", "a", "statement", "interview", "briefing", "separately", "also",
    };

    private readonly string _text;
    private readonly List<Token> _tokens;
    private readonly IReadOnlyDictionary<string, PartyKind> _extraNames;

    public AttributionFinder(string text, List<Token> tokens, IReadOnlyDictionary<string, PartyKind> extraNames)
    {
        _text = text;
        _tokens = tokens;
        _extraNames = extraNames;
    }

    // Tokens first..last (inclusive) form one sentence; quotes are the quotation spans inside it.
    public List<AttributionEvent> Find(int first, int last, IReadOnlyList<TextSpan> quotes, Party? previousPerson)
    {
        var events = new List<AttributionEvent>();
        for (var v = first; v <= last; v++)
        {
            var word = _tokens[v].Text;
            if (word == "according" && v + 1 <= last && _tokens[v + 1].Text == "to")
            {
                if (NounPhraseAfter(v + 2, last) is { } source)
                    events.Add(Build(source.Party, null, [], v, v + 1, source.Last, first, last, quotes));
                continue;
            }
            if (!Roles.TryGetValue(word, out var role)) continue;
            if (role.HasFlag(Role.Citation))
            {
                if (NounPhraseAfter(v + 1, last) is not { } cited) continue;
                if (events.Count == 0)
                {
                    events.Add(Build(cited.Party, null, [], v, v, cited.Last, first, last, quotes));
                    continue;
                }
                var previous = events[^1];
                var extent = TextSpan.FromBounds(previous.Extent.Start, _tokens[cited.Last].End);
                events[^1] = previous with
                {
                    Cited = [.. previous.Cited, cited.Party],
                    Extent = extent,
                    Content = ContentOf(previous.Verb, extent, first, last, quotes),
                };
                continue;
            }
            if (!role.HasFlag(Role.Reporting) || IsPassive(v, first) || EndsAName(v, first) || IsNounBeforeVerb(v, last)) continue;

            var subject = SubjectBefore(v, first, previousPerson);
            if (subject is not null)
            {
                Party? recipient = null;
                var end = v;
                if (role.HasFlag(Role.Recipient) && AudienceAfter(v + 1, last) is { } audience)
                    end = audience;
                else if (role.HasFlag(Role.Recipient) && NounPhraseAfter(v + 1, last) is { } told)
                {
                    recipient = told.Party;
                    end = told.Last;
                }
                // "The newspaper, citing unnamed sources, said": the citation belongs to the newspaper.
                var subjectStart = _tokens[subject.Value.First].Start;
                IReadOnlyList<Party> citedInside = [];
                for (var i = 0; i < events.Count; i++)
                {
                    var e = events[i];
                    if (e.Extent.Start < subjectStart || e.Extent.End > _tokens[v].Start) continue;
                    var gathered = citedInside as List<Party> ?? [];
                    gathered.AddRange(e.Cited);
                    gathered.Add(e.Speaker);
                    citedInside = gathered;
                    events.RemoveAt(i--);
                }
                events.Add(Build(subject.Value.Party, recipient, citedInside, subject.Value.First, end, end, first, last, quotes, v));
                if (subject.Value.Party.Kind is PartyKind.Official or PartyKind.Expert or PartyKind.Other && !subject.Value.Party.Unnamed)
                    previousPerson = subject.Value.Party;
                continue;
            }
            if (role.HasFlag(Role.Invertible) && IsAfterBreak(v) && NounPhraseAfter(v + 1, last) is { } inverted)
            {
                var end = SkipAppositive(inverted.Last, last);
                events.Add(Build(inverted.Party, null, [], v, end, end, first, last, quotes, v));
            }
        }
        return events;
    }

    public static List<Party> Chain(IReadOnlyList<AttributionEvent> events)
    {
        var chain = new List<Party>();
        if (events.Count == 0) return chain;
        // Depth: how many other attributions cover this one's verb. The deepest speaks first; ties in text order.
        Span<int> depths = events.Count <= 64 ? stackalloc int[events.Count] : new int[events.Count];
        var deepest = 0;
        for (var i = 0; i < events.Count; i++)
        {
            var depth = 0;
            for (var j = 0; j < events.Count; j++)
                if (j != i && !ReferenceEquals(events[j], events[i]) && events[j].Content.Contains(events[i].Verb.Start)) depth++;
            depths[i] = depth;
            deepest = Math.Max(deepest, depth);
        }

        for (var depth = deepest; depth >= 0; depth--)
        {
            for (var i = 0; i < events.Count; i++)
            {
                if (depths[i] != depth) continue;
                var e = events[i];
                foreach (var party in e.Cited) AddOnce(chain, party);
                AddOnce(chain, e.Speaker);
                if (e.Recipient is not null) AddOnce(chain, e.Recipient);
            }
        }
        return chain;
    }

    private static void AddOnce(List<Party> chain, Party party)
    {
        foreach (var p in chain)
            if (string.Equals(p.Name, party.Name, StringComparison.OrdinalIgnoreCase)) return;
        chain.Add(party);
    }

    private AttributionEvent Build(
        Party speaker, Party? recipient, IReadOnlyList<Party> cited, int startToken, int endToken, int lastPartyToken,
        int first, int last, IReadOnlyList<TextSpan> quotes, int? verbToken = null)
    {
        var verb = _tokens[verbToken ?? startToken];
        var extentStart = Math.Min(_tokens[startToken].Start, speaker.Span.Start);
        var extentEnd = Math.Max(_tokens[TimeTail(Math.Max(endToken, lastPartyToken), last)].End, speaker.Span.End);
        var verbSpan = new TextSpan(verb.Start, verb.Length);
        var extent = TextSpan.FromBounds(extentStart, extentEnd);
        return new AttributionEvent(speaker, recipient, cited, verbSpan, extent, ContentOf(verbSpan, extent, first, last, quotes));
    }

    // What an attribution vouches for: the words after it when it leads, before it when it trails, the rest of the
    // sentence when it sits in between; never more than the quotation it stands in.
    private TextSpan ContentOf(TextSpan verb, TextSpan extent, int first, int last, IReadOnlyList<TextSpan> quotes)
    {
        var sentence = TextSpan.FromBounds(_tokens[first].Start, _tokens[last].End);
        int before = 0, after = 0;
        for (var i = first; i <= last; i++)
        {
            var t = _tokens[i];
            if (t.End <= extent.Start) before++;
            if (t.Start >= extent.End && !TimeWords.Contains(t.Text)) after++;
        }
        var content = (before, after) switch
        {
            (_, 0) => TextSpan.FromBounds(sentence.Start, extent.Start),
            (0, _) => TextSpan.FromBounds(extent.End, sentence.End),
            _ when IsAfterBreak(FirstTokenAt(extent.Start)) => sentence,
            _ => TextSpan.FromBounds(extent.End, sentence.End),
        };
        var quote = default(TextSpan);
        foreach (var q in quotes)
            if (q.Contains(verb.Start)) { quote = q; break; }
        return quote.Length == 0 ? content
            : TextSpan.FromBounds(Math.Max(content.Start, quote.Start), Math.Min(content.End, quote.End));
    }

    private (Party Party, int First)? SubjectBefore(int verb, int first, Party? previousPerson)
    {
        var end = verb - 1;
        while (end >= first && Parties.Auxiliaries.Contains(_tokens[end].Text) && !PunctuationBetween(end, end + 1)) end--;
        if (end < first) return null;

        var gap = Gap(end, end + 1);
        if (gap.Contains(','))
        {
            // "Andrei Lankov, a North Korea expert at Kookmin University in Seoul, told AFP": step over the appositive.
            var open = end;
            while (open > first && !Gap(open - 1, open).Contains(',')) open--;
            if (open <= first || !StartsAppositive(open)) return null;
            end = open - 1;
        }
        else if (HasPunctuation(gap, allowQuotes: true)) return null;

        if (Parties.Pronouns.Contains(_tokens[end].Text) && (end == first || PunctuationBetween(end - 1, end) || _tokens[end - 1].Text is "and" or "but"))
            return previousPerson is null ? null : (previousPerson with { Span = new TextSpan(_tokens[end].Start, _tokens[end].Length), Mention = _tokens[end].Text }, end);

        // "Iran's supreme leader said": the possessive and its title are one speaker.
        var start = PossessiveBeforeTitle(end, first) ?? end;
        while (start > first && IsNounPhraseWord(start - 1, start, end) && Joined(start - 1, start, allowQuotes: true)) start--;
        while (start <= end && (_tokens[start].Text is "and" || Parties.NameJoiners.Contains(_tokens[start].Text))) start++;
        if (start > end || !(IsNounPhraseWord(end, end, end) || IsPossessiveTitle(end, start))) return null;
        return MakeParty(start, end) is { } party ? (party, start) : null;
    }

    private (Party Party, int Last)? NounPhraseAfter(int start, int last)
    {
        if (start > last || PunctuationBetween(start - 1, start)) return null;
        var k = start;
        if (_tokens[k].Text == "the" && k < last) k++;

        // Unnamed: modifiers, then a head, then perhaps "familiar with the matter".
        var m = k;
        while (m < last && Parties.UnnamedModifiers.Contains(_tokens[m].Text) && !Parties.UnnamedHeads.Contains(_tokens[m].Text)
            && !PunctuationBetween(m, m + 1)) m++;
        if (Parties.UnnamedHeads.Contains(_tokens[m].Text) && !IsCapitalisedName(m))
        {
            var end = m;
            while (end < last && Parties.UnnamedHeads.Contains(_tokens[end + 1].Text) && !PunctuationBetween(end, end + 1)) end++;
            // "South Korean news agency Yonhap": the description stands in front of the name.
            if (Parties.Descriptors.ContainsKey(_tokens[end].Text) && end < last && NameRunAfter(end + 1, last) is { } nameLast)
                return MakeParty(start, nameLast) is { } described ? (described, nameLast) : null;
            end = SkipFamiliarityTail(end, last);
            return MakeParty(start, end) is { } unnamed ? (unnamed, end) : null;
        }

        if (!IsCapitalised(k)) return null;
        var run = k;
        while (run < last && Joined(run, run + 1)
            && (IsCapitalised(run + 1) || (IsJoiner(run + 1) && run + 2 <= last && Joined(run + 1, run + 2))))
            run++;
        while (run > k && !IsCapitalised(run)) run--;
        run = CutAtKnownName(start, run);
        while (run < last && Parties.OutletTails.Contains(_tokens[run + 1].Text) && !PunctuationBetween(run, run + 1)) run++;
        return MakeParty(start, run) is { } named ? (named, run) : null;
    }

    // The name right after a description ("news agency Yonhap"), up to where a known name ends; never a weekday.
    private int? NameRunAfter(int k, int last)
    {
        if (!IsCapitalisedName(k) || PunctuationBetween(k - 1, k) || TimeWords.Contains(_tokens[k].Text)) return null;
        var run = k;
        while (run < last && Joined(run, run + 1) && IsCapitalised(run + 1) && !TimeWords.Contains(_tokens[run + 1].Text)) run++;
        return CutAtKnownName(k, run);
    }

    // "told reporters", "told the press": the audience hears it but passes nothing on.
    private int? AudienceAfter(int k, int last)
    {
        if (k > last || PunctuationBetween(k - 1, k)) return null;
        if (_tokens[k].Text == "the" && k < last) k++;
        return Parties.Audiences.Contains(_tokens[k].Text) ? k : null;
    }

    // "..., officials said on Tuesday." or "According to the agency on Monday, ...": words of time up to the end of
    // the clause or a comma belong to the attribution, not to what it covers.
    private int TimeTail(int endToken, int last)
    {
        for (var i = endToken + 1; i <= last; i++)
        {
            if (PunctuationBetween(i - 1, i)) return i - 1 > endToken && Gap(i - 1, i).Contains(',') ? i - 1 : endToken;
            if (!TimeWords.Contains(_tokens[i].Text)) return endToken;
        }
        return last;
    }

    // "The United States has accused": "States" ends a name, it is not a verb.
    private bool EndsAName(int verb, int first)
    {
        if (!IsCapitalised(verb) || verb == first) return false;
        for (var start = verb - 1; start >= Math.Max(first, verb - 3) && Joined(start, start + 1); start--)
        {
            if (IsKnownName(start, verb) || GovernmentsBySpan.Contains(Words(start, verb))) return true;
        }
        return false;
    }

    // "Foreign media reports said": a plural noun before the reporting verb is its subject, not a verb of its own.
    private bool IsNounBeforeVerb(int candidate, int last)
    {
        if (!_tokens[candidate].Text.EndsWith('s')) return false;
        var next = candidate + 1;
        while (next <= last && Parties.Auxiliaries.Contains(_tokens[next].Text) && !PunctuationBetween(next - 1, next)) next++;
        return next <= last && !PunctuationBetween(next - 1, next)
            && ReportingVerbs.Contains(_tokens[next].Text) && !_tokens[next].Text.EndsWith('s');
    }

    // The possessive owning the title at `title`: "Iran's supreme leader", "China's defence minister".
    private int? PossessiveBeforeTitle(int title, int first)
    {
        if (!Parties.Titles.Contains(_tokens[title].Text)) return null;
        for (var p = title - 1; p >= Math.Max(first, title - 3); p--)
        {
            if (PunctuationBetween(p, p + 1)) return null;
            if (IsPossessive(p)) return p;
            if (IsCapitalised(p)) return null;
        }
        return null;
    }

    private bool IsPossessiveTitle(int title, int start) => PossessiveBeforeTitle(title, start) is not null;

    // "told Yonhap Kim Jong ..." names Yonhap: a run that starts with a known name stops where the name does.
    private int CutAtKnownName(int start, int run)
    {
        for (var end = run - 1; end >= start; end--)
        {
            if (IsKnownName(start, end)) return end;
        }
        return run;
    }

    private Party? MakeParty(int start, int end)
    {
        var span = TextSpan.FromBounds(_tokens[start].Start, _tokens[end].End);
        var lastWord = _tokens[end].Text;
        for (var i = start; i <= end; i++)
            if (Parties.NeverNames.Contains(_tokens[i].Text)) return null;
        // A head in lower case ("authorities"), or opening the sentence ("Officials said"); "U.S. Army" is a name.
        var headAt = -1;
        for (var i = end; i >= start && headAt < 0; i--)
            if (Parties.UnnamedHeads.Contains(_tokens[i].Text) && (!IsCapitalised(i) || i == start)) headAt = i;
        var outletName = Parties.OutletTails.Contains(_tokens[end].Text) && AnyCapitalisedName(start, end - 1);
        var possessive = false;
        for (var i = start; i < end && !possessive; i++) possessive = IsPossessive(i);
        if (possessive)
            return new Party(StripLeading(start, end, Articles.The), Mention(start, end), span,
                Parties.InstitutionWords.GetValueOrDefault(lastWord, PartyKind.Official), Unnamed: false);
        var ofAnInstitution = headAt >= 0 && headAt < end && IsJoiner(headAt + 1);
        if (headAt >= 0 && !outletName && (headAt == end || ofAnInstitution || IsFamiliarityTail(headAt + 1, end)))
        {
            // "Foreign media reports said": the media speak; their reports are how.
            var headEnd = end > start && _tokens[end].Text == "reports" ? end - 1 : end;
            var name = StripLeading(start, headEnd, Articles.Any);
            return new Party(Capitalise(name), Mention(start, end), span, PartyKind.Anonymous, Unnamed: true);
        }
        if (Parties.Pronouns.Contains(lastWord)) return null;
        if (!AnyCapitalisedName(start, end)) return null;
        var mention = Mention(start, end);

        // "Kremlin spokesman Dmitry Peskov": the name is what follows the last descriptor.
        var kind = PartyKind.Other;
        var nameStart = start;
        for (var i = start; i < end; i++)
        {
            if (Parties.Descriptors.TryGetValue(_tokens[i].Text, out var hint) && IsCapitalised(i + 1))
            {
                kind = hint;
                nameStart = i + 1;
            }
        }
        // "Jane Doe of the World Health Organization": the person, not the organisation.
        var nameEnd = end;
        for (var i = nameStart + 1; i < end - 1; i++)
            if (_tokens[i].Text == "of" && _tokens[i + 1].Text == "the" && IsCapitalised(i - 1)) { nameEnd = i - 1; break; }
        var nameText = _text[_tokens[nameStart].Start.._tokens[nameEnd].End];
        var known = KnownKind(nameText) ?? KnownKind(StripOutletTail(nameStart, nameEnd));
        if (known is { } knownKind) kind = knownKind;
        else if (nameStart == start && _tokens[start].Text == "the" && KnownKind(_text[_tokens[start + 1].Start.._tokens[end].End]) is { } k)
            kind = k;
        else if (Parties.InstitutionWords.TryGetValue(_tokens[nameEnd].Text, out var institution)) kind = institution;
        else if (kind == PartyKind.Other && nameEnd > nameStart) kind = PartyKind.Expert;

        if (nameStart == start && _tokens[start].Text == "the" && start < nameEnd)
            nameText = _text[_tokens[start + 1].Start.._tokens[nameEnd].End];
        return new Party(Parties.Canonical(nameText) ?? Parties.Canonical("The " + nameText) ?? nameText, mention, span, kind, Unnamed: false);
    }

    private string Mention(int start, int end) => _text[_tokens[start].Start.._tokens[end].End];

    private bool AnyCapitalisedName(int start, int end)
    {
        for (var i = start; i <= end; i++)
            if (IsCapitalisedName(i)) return true;
        return false;
    }

    // The words StripLeading drops in front of a party's name.
    private static class Articles
    {
        public static readonly HashSet<string> The = new(StringComparer.Ordinal) { "the" };

        // The unnamed modifiers that only count ("an", "one"), not the ones that describe ("senior").
        public static readonly HashSet<string> Any =
            Parties.UnnamedModifiers.Where(w => w is "a" or "an" or "the" or "another" or "one").ToHashSet();
    }

    private string StripOutletTail(int start, int end)
    {
        while (end > start && Parties.OutletTails.Contains(_tokens[end].Text)) end--;
        return _text[_tokens[start].Start.._tokens[end].End];
    }

    private string StripLeading(int start, int end, HashSet<string> words)
    {
        while (start < end && words.Contains(_tokens[start].Text)) start++;
        return _text[_tokens[start].Start.._tokens[end].End];
    }

    private PartyKind? KnownKind(string name) =>
        Parties.KnownNames.TryGetValue(name, out var kind) || _extraNames.TryGetValue(name, out kind) ? kind
        : Parties.Governments.Contains(name) ? PartyKind.Government : null;

    // Looked up without building the string unless the caller named organisations of its own.
    private bool IsKnownName(int start, int end)
    {
        var name = Words(start, end);
        return KnownNamesBySpan.ContainsKey(name) || (_extraNames.Count > 0 && _extraNames.ContainsKey(name.ToString()));
    }

    private ReadOnlySpan<char> Words(int start, int end) => _text.AsSpan(_tokens[start].Start, _tokens[end].End - _tokens[start].Start);

    private static readonly Dictionary<string, PartyKind>.AlternateLookup<ReadOnlySpan<char>> KnownNamesBySpan =
        Parties.KnownNames.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> GovernmentsBySpan =
        Parties.Governments.GetAlternateLookup<ReadOnlySpan<char>>();

    private bool IsNounPhraseWord(int index, int next, int end)
    {
        var word = _tokens[index].Text;
        return IsCapitalised(index) || Parties.UnnamedHeads.Contains(word) || Parties.UnnamedModifiers.Contains(word)
            || (index < end && IsJoiner(index))
            || (Parties.RelationHeads.Contains(word) && index > 0 && IsPossessive(index - 1))
            || Parties.Descriptors.ContainsKey(word) || (index == end && Parties.Pronouns.Contains(word));
    }

    // A capitalised word that names something, not a sentence-initial "The" or "Officials".
    private bool IsCapitalisedName(int index) =>
        IsCapitalised(index) && !Parties.UnnamedModifiers.Contains(_tokens[index].Text) && !Parties.UnnamedHeads.Contains(_tokens[index].Text);

    private bool IsCapitalised(int index) => index < _tokens.Count && char.IsUpper(_text[_tokens[index].Start]);

    private bool StartsAppositive(int index) =>
        _tokens[index].Text is "a" or "an" or "the" || !IsCapitalised(index) || Parties.Descriptors.ContainsKey(_tokens[index].Text);

    // After ", said Yang Moo-jin": ", president of the University of North Korean Studies in Seoul" belongs to him.
    private int SkipAppositive(int end, int last)
    {
        if (end >= last || !Gap(end, end + 1).Contains(',') || !StartsAppositive(end + 1)) return end;
        var k = end + 1;
        while (k < last && !PunctuationBetween(k, k + 1)) k++;
        return k;
    }

    private int SkipFamiliarityTail(int head, int last)
    {
        foreach (var tail in Parties.FamiliarityTails)
        {
            if (head + tail.Length > last) continue;
            if (WordsAre(head + 1, tail)) return head + tail.Length;
        }
        return head;
    }

    private bool IsFamiliarityTail(int from, int end)
    {
        foreach (var tail in Parties.FamiliarityTails)
            if (end - from + 1 == tail.Length && WordsAre(from, tail)) return true;
        return false;
    }

    private bool WordsAre(int from, string[] words)
    {
        for (var i = 0; i < words.Length; i++)
            if (_tokens[from + i].Text != words[i]) return false;
        return true;
    }

    private bool IsJoiner(int index) =>
        Parties.NameJoiners.Contains(_tokens[index].Text) && index + 1 < _tokens.Count
        && (IsCapitalised(index + 1) || (_tokens[index + 1].Text == "the" && IsCapitalised(index + 2)));

    private bool IsPossessive(int index) =>
        IsCapitalised(index) && (_tokens[index].Text.EndsWith("'s", StringComparison.Ordinal) || _tokens[index].Text.EndsWith("’s", StringComparison.Ordinal));

    // Two words of one name: only spaces between them, or the full stop of "U.S." or "Sen." (and quotes, where allowed).
    private bool Joined(int left, int right, bool allowQuotes = false)
    {
        if (!PunctuationBetween(left, right, allowQuotes)) return true;
        var gap = Gap(left, right).Trim();
        var word = _tokens[left].Text;
        return gap is "." && (Parties.TitleAbbreviations.Contains(word) || (word.Length == 1 && IsCapitalised(left)));
    }

    private bool IsPassive(int verb, int first) => verb > first && Parties.Be.Contains(_tokens[verb - 1].Text);

    private bool IsAfterBreak(int index) => index > 0 && Gap(index - 1, index).IndexOfAny(",\"”'’;(—") >= 0;

    private int FirstTokenAt(int position)
    {
        int low = 0, high = _tokens.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (_tokens[middle].Start < position) low = middle + 1; else high = middle;
        }
        return low < _tokens.Count ? low : -1;
    }

    private bool PunctuationBetween(int left, int right, bool allowQuotes = false) =>
        left >= 0 && right < _tokens.Count && HasPunctuation(Gap(left, right), allowQuotes);

    private static bool HasPunctuation(ReadOnlySpan<char> gap, bool allowQuotes)
    {
        foreach (var c in gap)
            if (!char.IsWhiteSpace(c) && !(allowQuotes && IsQuoteMark(c))) return true;
        return false;
    }

    private ReadOnlySpan<char> Gap(int left, int right) =>
        left < 0 || right >= _tokens.Count ? ReadOnlySpan<char>.Empty : _text.AsSpan(_tokens[left].End, _tokens[right].Start - _tokens[left].End);

    private static bool IsQuoteMark(char c) => c is '"' or '“' or '”' or '\'' or '‘' or '’';

    private static string Capitalise(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];

    private static HashSet<string> Forms(params string[] verbs) =>
        verbs.SelectMany(Inflections.OfVerb).ToHashSet(StringComparer.Ordinal);
}
