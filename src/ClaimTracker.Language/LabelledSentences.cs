using System.Text;
using System.Text.RegularExpressions;

namespace ClaimTracker.Language;

public sealed record LabelledSentence(string Text, bool Uncertain);

// Training sentences from a CSV file of `text,label` rows (label 1 = uncertain), fields quoted as RFC 4180 has it.
// Text tokenised in the Penn Treebank style ("Ban 's", -LRB- , `` quotes '') is turned back into ordinary text,
// so the model learns from the words as an article prints them.
public static partial class LabelledSentences
{
    public static List<LabelledSentence> ReadCsv(string path)
    {
        var rows = ParseCsv(File.ReadAllText(path));
        if (rows.Count == 0 || rows[0].Count < 2 || rows[0][0] != "text" || rows[0][1] != "label")
            throw new InvalidDataException($"{path} does not start with a 'text,label' header");
        return rows.Skip(1).Where(r => r.Count >= 2)
            .Select(r => new LabelledSentence(FromTreebank(r[0]), r[1].Trim() == "1"))
            .ToList();
    }

    public static string FromTreebank(string text)
    {
        var s = text.Trim()
            .Replace("-LRB-", "(").Replace("-RRB-", ")").Replace("-LSB-", "[").Replace("-RSB-", "]")
            .Replace("-LCB-", "{").Replace("-RCB-", "}").Replace("``", "\"").Replace("''", "\"");
        s = Contraction().Replace(s, "$1");
        s = SpaceBeforeClosing().Replace(s, "$1");
        s = SpaceAfterOpening().Replace(s, "$1");
        return s;
    }

    [GeneratedRegex(@" ('s|'re|'ve|'ll|'d|'m|n't)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Contraction();

    [GeneratedRegex(@" ([,.;:!?%)\]}])")]
    private static partial Regex SpaceBeforeClosing();

    [GeneratedRegex(@"([(\[{]) ")]
    private static partial Regex SpaceAfterOpening();

    private static List<List<string>> ParseCsv(string content)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < content.Length; i++)
        {
            var c = content[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < content.Length && content[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
                continue;
            }
            switch (c)
            {
                case '"': quoted = true; break;
                case ',': row.Add(field.ToString()); field.Clear(); break;
                case '\r': break;
                case '\n':
                    row.Add(field.ToString()); field.Clear();
                    rows.Add(row); row = [];
                    break;
                default: field.Append(c); break;
            }
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add(row); }
        return rows;
    }
}
