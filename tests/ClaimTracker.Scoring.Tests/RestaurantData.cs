using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ClaimTracker.Scoring.Tests;

// One source's stand on "restaurant X is still open".
public sealed record RestaurantAssertion(string Source, string Restaurant, bool Affirms, DateTimeOffset At);

public sealed record RestaurantSet(
    IReadOnlyList<RestaurantAssertion> Assertions, IReadOnlyDictionary<string, bool> Golden, DateTimeOffset LastSnapshot)
{
    // Dense indexes for the scorer: sources and restaurants in ordinal order of their names. Every restaurant of the
    // golden file is a claim, with or without votes.
    public (ScoringInput Input, string[] Sources, string[] Restaurants) ToScoringInput()
    {
        var sources = Assertions.Select(a => a.Source).Distinct().Order(StringComparer.Ordinal).ToArray();
        var restaurants = Assertions.Select(a => a.Restaurant).Concat(Golden.Keys).Distinct().Order(StringComparer.Ordinal).ToArray();
        var sourceIndex = sources.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i);
        var claimIndex = restaurants.Select((r, i) => (r, i)).ToDictionary(x => x.r, x => x.i);
        var votes = Assertions.Select(a => new Vote(sourceIndex[a.Source], claimIndex[a.Restaurant], sourceIndex[a.Source], a.Affirms,
            VoteRole.Origin, float.NaN, a.At.ToUnixTimeSeconds(), 0, 0)).ToArray();
        var input = new ScoringInput
        {
            SourceCount = sources.Length,
            ClaimOutcomes = new Outcome[restaurants.Length],
            ClaimQuestions = Enumerable.Repeat(-1, restaurants.Length).ToArray(),
            Votes = votes,
        };
        return (input, sources, restaurants);
    }
}

// The Restaurant data set of Dong, Berti-Equille and Srivastava ("Truth discovery and copying detection in a dynamic
// world", PVLDB 2(1), 2009): Manhattan restaurants listed by 12 web sites in 8 weekly snapshots, and a golden file of
// whether each of 467 restaurants was still open. Each snapshot line is `source<TAB>name<TAB>address...`.
//
// The claim for each restaurant is "it is still open". Each source's stand is read from its last snapshot:
//  - listed there: it affirms, as of that snapshot's date;
//  - listed earlier but gone from its last snapshot, or listed there marked "(CLOSED)" (some sites mark closed
//    restaurants instead of removing them): it denies, as of the first snapshot from which it stayed gone or marked.
// Names are matched after the normalisation in Normalize, which is also how the golden file spells them.
public static partial class RestaurantData
{
    public static RestaurantSet Load(string directory)
    {
        var snapshots = Directory.GetFiles(directory, "restaurants_*_*_*.txt")
            .Select(path => (Path: path, Date: SnapshotDate(path)))
            .OrderBy(s => s.Date)
            .ToArray();
        if (snapshots.Length == 0) throw new FileNotFoundException($"No restaurants_<y>_<m>_<d>.txt snapshots in {directory}.");

        // Per snapshot, per source: restaurant -> listed as open (false: listed only with a CLOSED mark).
        var listings = snapshots.Select(s => ReadSnapshot(s.Path)).ToArray();
        var assertions = new List<RestaurantAssertion>();
        foreach (var source in listings.SelectMany(l => l.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            var present = Enumerable.Range(0, snapshots.Length).Where(i => listings[i].ContainsKey(source)).ToArray();
            var last = present[^1];
            var restaurants = present.SelectMany(i => listings[i][source].Keys).Distinct().Order(StringComparer.Ordinal);
            foreach (var restaurant in restaurants)
            {
                var openInLast = listings[last][source].TryGetValue(restaurant, out var open) && open;
                if (openInLast)
                {
                    assertions.Add(new RestaurantAssertion(source, restaurant, true, snapshots[last].Date));
                    continue;
                }
                var lastOpen = present.LastOrDefault(i => listings[i][source].TryGetValue(restaurant, out var o) && o, -1);
                var since = present.First(i => i > lastOpen);
                assertions.Add(new RestaurantAssertion(source, restaurant, false, snapshots[since].Date));
            }
        }

        var golden = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(directory, "restaurants_golden.txt")))
        {
            var fields = line.Split('\t');
            if (fields.Length < 2 || fields[0].Trim().Length == 0) continue;
            golden.TryAdd(Normalize(fields[0]).Name, fields[1].Trim().Equals("Y", StringComparison.OrdinalIgnoreCase));
        }
        return new RestaurantSet(assertions, golden, snapshots[^1].Date);
    }

    // <repo>/../shared/data/truth-discovery/restaurant, looked for above the test's output directory; null when absent.
    public static string? FindDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "truth-discovery", "restaurant");
            if (File.Exists(Path.Combine(candidate, "restaurants_golden.txt"))) return candidate;
        }
        return null;
    }

    // Sites spell one restaurant differently ("Abbondanza's", "ABBONDANZA'S (CLOSED)", "City Lobster & Crab Co.") and so
    // does the golden file ("abbondanzas", "city lobster and crab co"). Matching is on: lower case, "&" read as "and",
    // apostrophes and full stops dropped, runs of white space made one space, trimmed. Bytes that are not UTF-8 (a few
    // lines are Windows-1252, where they are apostrophes) decode to U+FFFD and are dropped too. A trailing "(closed)"
    // is taken off the name and returned as Closed.
    public static (string Name, bool Closed) Normalize(string raw)
    {
        var name = raw.ToLowerInvariant().Replace("&", " and ", StringComparison.Ordinal);
        var closed = false;
        name = name.Trim();
        if (name.EndsWith("(closed)", StringComparison.Ordinal))
        {
            closed = true;
            name = name[..^"(closed)".Length];
        }
        var kept = new StringBuilder(name.Length);
        foreach (var ch in name)
            if (ch is not ('\'' or '’' or '`' or '.' or '\uFFFD')) kept.Append(ch);
        return (Spaces().Replace(kept.ToString(), " ").Trim(), closed);
    }

    private static Dictionary<string, Dictionary<string, bool>> ReadSnapshot(string path)
    {
        var bySource = new Dictionary<string, Dictionary<string, bool>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            var fields = line.Split('\t');
            if (fields.Length < 2) continue;
            var source = fields[0].Trim();
            var (name, closed) = Normalize(fields[1]);
            if (source.Length == 0 || name.Length == 0) continue;
            if (!bySource.TryGetValue(source, out var listed)) bySource[source] = listed = new Dictionary<string, bool>(StringComparer.Ordinal);
            // Two lines of one site that normalise to one name: open if either is listed without a CLOSED mark.
            listed[name] = (listed.TryGetValue(name, out var open) && open) || !closed;
        }
        return bySource;
    }

    private static DateTimeOffset SnapshotDate(string path)
    {
        var parts = Path.GetFileNameWithoutExtension(path).Split('_');
        return new DateTimeOffset(int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture),
            int.Parse(parts[3], CultureInfo.InvariantCulture), 0, 0, 0, TimeSpan.Zero);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
