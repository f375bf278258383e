using System.Buffers;
using System.Globalization;
using System.Text;

namespace ClaimTracker.Language;

public readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;

    public bool Contains(int position) => position >= Start && position < End;

    public static TextSpan FromBounds(int start, int end) => new(start, end - start);
}

// Splits news text into sentences without a model:
//  - a blank line always ends a sentence, and so does a single line break unless the next line goes on
//    in lower case (a hard-wrapped paragraph); headlines, datelines and captions stand alone;
//  - . ! ? … end a sentence when whitespace and a capital, digit, quote, bracket or symbol follow, with closing
//    quotes and brackets kept in the sentence ('... summit," he said.' stays one sentence), and so are emoji and
//    other symbols standing between two sentences ('... left. 🚀 It appears so.' ends after the rocket);
//  - a full stop after a known abbreviation (Gen., Jan., U.S.), an initial (J. R. Smith) or a dotted
//    acronym does not end one, unless the abbreviation can end a sentence (U.S., Inc., a.m.) and an
//    ordinary sentence opener follows.
public static class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "adm", "cmdr", "rev", "sen",
        "rep", "gov", "pres", "supt", "insp", "st", "jr", "sr", "inc", "ltd", "corp", "co", "bros", "vs", "etc", "no", "nos",
        "vol", "fig", "pp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue",
        "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "approx", "est", "dept", "univ", "ave", "blvd", "mt", "ft",
        "cf", "al", "ca", "op", "ed", "eds",
    };

    private static readonly HashSet<string> CanEndSentence = new(StringComparer.OrdinalIgnoreCase)
    {
        "u.s", "u.k", "u.n", "e.u", "etc", "inc", "ltd", "co", "corp", "jr", "sr", "a.m", "p.m", "d.c",
    };

    private static readonly HashSet<string> SentenceOpeners = new(StringComparer.Ordinal)
    {
        "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "In", "On", "At", "But", "And", "This", "That",
        "These", "Those", "There", "His", "Her", "Their", "Its", "However", "Meanwhile", "After", "Before", "When", "While",
        "If", "As", "For", "Some", "Many", "Officials", "Analysts", "Experts",
    };

    public static List<TextSpan> Split(string text)
    {
        var sentences = new List<TextSpan>();
        var start = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (start < 0)
            {
                if (!char.IsWhiteSpace(c)) start = i;
                else continue;
            }

            if (IsLineBreak(c))
            {
                if (LineBreakEndsSentence(text, i)) Close(text, ref start, i, sentences);
                continue;
            }

            if (c is '。' or '！' or '？')
            {
                Close(text, ref start, i + 1, sentences);
                continue;
            }

            if (c is not ('.' or '!' or '?' or '…')) continue;

            var end = i + 1;
            while (end < text.Length && (text[end] is '.' or '!' or '?' or '…' || IsCloser(text[end]))) end++;
            var next = SkipSpaces(text, end);
            var close = end;
            // An emoji after the full stop reads as the sentence's last word, not the next one's first.
            for (var symbols = SymbolsEnd(text, next); symbols > next && (symbols == text.Length || char.IsWhiteSpace(text[symbols]));
                 symbols = SymbolsEnd(text, next))
            {
                close = symbols;
                next = SkipSpaces(text, symbols);
            }
            if (close < text.Length && !char.IsWhiteSpace(text[close])) continue;
            if (next < text.Length && !IsLineBreak(text[next]) && !StartsSentence(text, next)) continue;
            if (c == '.' && end == i + 1 && IsAbbreviationOrInitial(text, i, next)) continue;

            Close(text, ref start, close, sentences);
            i = close - 1;
        }
        if (start >= 0) Close(text, ref start, text.Length, sentences);
        return sentences;
    }

    private static void Close(string text, ref int start, int end, List<TextSpan> sentences)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        if (end > start) sentences.Add(TextSpan.FromBounds(start, end));
        start = -1;
    }

    private static bool IsLineBreak(char c) => c is '\n' or '\r' or '\u2028' or '\u2029';

    private static bool IsCloser(char c) => c is '"' or '\'' or '”' or '’' or ')' or ']' or '»' or '›';

    private static bool IsOpener(char c) => c is '"' or '\'' or '“' or '‘' or '(' or '[' or '«' or '‹';

    // A blank line always ends a sentence; a single line break does unless the next line starts in lower case.
    private static bool LineBreakEndsSentence(string text, int i)
    {
        var breaks = 0;
        var j = i;
        for (; j < text.Length && char.IsWhiteSpace(text[j]); j++)
        {
            if (text[j] == '\n' || text[j] == '\u2029' || text[j] == '\u2028' || (text[j] == '\r' && (j + 1 >= text.Length || text[j + 1] != '\n')))
                breaks++;
        }
        return breaks >= 2 || j >= text.Length || !char.IsLower(text[j]);
    }

    private static int SkipSpaces(string text, int at)
    {
        while (at < text.Length && char.IsWhiteSpace(text[at]) && !IsLineBreak(text[at])) at++;
        return at;
    }

    // The end of a run of symbols at `at` ("🚀", "👍🏽", "❤️", "🇰🇷"), whole surrogate pairs, skin tones, joiners and
    // variation selectors included; `at` itself when none starts there. Only a picture symbol (So) opens a run, so
    // that a backtick or caret opening the next sentence ("`` Quoted") is not taken for one.
    private static int SymbolsEnd(string text, int at)
    {
        var end = at;
        while (end < text.Length && Rune.DecodeFromUtf16(text.AsSpan(end), out var rune, out var width) == OperationStatus.Done)
        {
            var category = Rune.GetUnicodeCategory(rune);
            var part = category is UnicodeCategory.OtherSymbol
                || (end > at && category is UnicodeCategory.ModifierSymbol or UnicodeCategory.NonSpacingMark
                    or UnicodeCategory.EnclosingMark or UnicodeCategory.Format);
            if (!part) break;
            end += width;
        }
        return end;
    }

    // Read by code point, so that a letter or an emoji outside the Basic Multilingual Plane counts as one.
    private static bool StartsSentence(string text, int at)
    {
        var c = text[at];
        if (IsOpener(c))
            return at + 1 >= text.Length || !char.IsLower(text[at + 1]);
        if (Rune.DecodeFromUtf16(text.AsSpan(at), out var rune, out _) != OperationStatus.Done) return false;
        return !Rune.IsLower(rune) && (Rune.IsLetterOrDigit(rune) || Rune.IsSymbol(rune) || Rune.IsPunctuation(rune));
    }

    private static bool IsAbbreviationOrInitial(string text, int dot, int next)
    {
        var begin = dot;
        while (begin > 0 && (char.IsLetter(text[begin - 1]) || (text[begin - 1] == '.' && begin - 2 >= 0 && char.IsLetter(text[begin - 2]))))
            begin--;
        if (begin == dot) return false;
        var word = text[begin..dot];

        if (CanEndSentence.Contains(word))
            return !(next < text.Length && SentenceOpeners.Contains(WordAt(text, next)));
        if (word.Contains('.')) return true;
        if (word.Length == 1 && char.IsUpper(word[0])) return true;
        return Abbreviations.Contains(word);
    }

    private static string WordAt(string text, int at)
    {
        var end = at;
        while (end < text.Length && char.IsLetter(text[end])) end++;
        return text[at..end];
    }
}
