using System.Globalization;
using System.Text;

namespace ClaimTracker.Embeddings;

// The package's tokenizer splits words on plain spaces and a fixed set of ASCII punctuation only, and looks up accented
// letters as they are. The model was trained behind Hugging Face's BERT tokenizer, which splits on any whitespace and
// any punctuation, gives each CJK ideograph its own piece, strips accents and lower-cases without regard to the
// current culture (the package's ToLower() would turn "I" into a dotless "ı" under a Turkish culture). Without this step "Société" becomes
// "soc ##i [UNK]", a line break glues two words into [UNK], and curly quotes stick to their words.
public static class EmbeddingText
{
    // Part of SentenceEmbedder.ModelVersion: bump it whenever Normalise changes what the model sees.
    public const string Version = "norm1";

    public static string Normalise(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length + 16);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsWhiteSpace(c) || category is UnicodeCategory.Control or UnicodeCategory.Format)
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            var standsAlone = IsPunctuation(c, category) || IsCjk(c);
            if (pendingSpace || (standsAlone && builder.Length > 0 && builder[^1] != ' ')) builder.Append(' ');
            pendingSpace = false;
            builder.Append(char.ToLowerInvariant(c));
            if (standsAlone) pendingSpace = true;
        }
        return builder.ToString();
    }

    // Hugging Face's rule: ASCII symbols count as punctuation too ("$", "^", "`").
    private static bool IsPunctuation(char c, UnicodeCategory category) =>
        c is >= '!' and <= '/' or >= ':' and <= '@' or >= '[' and <= '`' or >= '{' and <= '~' ||
        category is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation
            or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
            or UnicodeCategory.OtherPunctuation;

    // The basic-multilingual-plane CJK ideograph blocks (the supplementary ones arrive as surrogate pairs and become
    // an unknown piece either way).
    private static bool IsCjk(char c) =>
        c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF';
}
