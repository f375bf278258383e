using System.Globalization;
using System.Text;

namespace ClaimTracker.Api.Tests.Imports;

// Deterministic import files for the tests and the import benchmark: `lines` assertions over `claims` claims and
// `sources` sources. Every claim is named lines/claims times (claims must not be a multiple of 7919); the first
// half of the claims belong to questions of four alternatives; every tenth claim is resolved by its first line.
// Half the lines state a confidence, a fifth give hedge words instead. `tag` keeps files of different tests apart.
public static class ImportFiles
{
    public const string CsvHeader = "source,question,claim,polarity,confidence,hedgeWords,time,resolution";

    private static readonly string[] Resolutions = ["true", "false", "mixed", "unresolvable"];

    public static IEnumerable<string> CsvLines(int lines, int claims, int sources, string tag)
    {
        var random = new SplitMix64(42);
        var start = new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (long k = 0; k < lines; k++)
        {
            var claim = (int)(k * 7919 % claims);
            var source = (int)(random.Next() % (ulong)sources);
            var question = claim < claims / 2 ? $"{tag} question {claim / 4}" : "";
            var polarity = random.Next() % 5 == 0 ? "denies" : "affirms";
            var kind = random.Next() % 10;
            var confidence = kind < 5 ? (random.Next() % 101 / 100.0).ToString("0.00", CultureInfo.InvariantCulture) : "";
            var hedgeWords = kind is 5 or 6 ? "appears;reportedly" : "";
            var time = start.AddMinutes(k).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            var resolution = claim % 10 == 0 && k < claims ? Resolutions[claim / 10 % 4] : "";
            yield return $"{tag} Source {source:D5},{question},\"{tag} claim {claim}: the train left Pyongyang on day {claim % 365}\",{polarity},{confidence},{hedgeWords},{time},{resolution}";
        }
    }

    public static string Csv(int lines, int claims, int sources, string tag) =>
        string.Join('\n', CsvLines(lines, claims, sources, tag).Prepend(CsvHeader)) + "\n";

    public static async Task WriteCsvAsync(string path, int lines, int claims, int sources, string tag)
    {
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        await writer.WriteAsync(CsvHeader + "\n");
        foreach (var line in CsvLines(lines, claims, sources, tag)) await writer.WriteAsync(line + "\n");
    }

    // The same numbers on every machine and .NET version, unlike System.Random's seeded sequence.
    private struct SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        public ulong Next()
        {
            var z = _state += 0x9E3779B97F4A7C15;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            return z ^ (z >> 31);
        }
    }
}
