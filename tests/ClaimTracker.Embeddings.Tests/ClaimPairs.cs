namespace ClaimTracker.Embeddings.Tests;

public sealed record ClaimPair(string Kind, string First, string Second);

// Pairs/claim-pairs.tsv: claims written for these measurements, labelled by how the second relates to the first.
public static class ClaimPairs
{
    public static IReadOnlyList<ClaimPair> Read(string path) =>
        File.ReadLines(path)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Select(fields => fields.Length == 3
                ? new ClaimPair(fields[0], fields[1], fields[2])
                : throw new InvalidDataException($"{path}: expected kind, first, second: {string.Join(" | ", fields)}"))
            .ToList();

    public static IReadOnlyList<ClaimPair> Load() => Read(Path.Combine(AppContext.BaseDirectory, "Pairs", "claim-pairs.tsv"));
}
