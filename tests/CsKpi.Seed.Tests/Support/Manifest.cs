using System.Globalization;
using System.Text.Json;

namespace CsKpi.Seed.Tests.Support;

public sealed record ManifestEntry(string Name, string Kind, long Rows);

public sealed record ManifestBadRow(string File, string Kind, long Line, string Column, string Value, string Reason);

/// <summary><c>.seed-manifest.json</c> as a reader of the folder sees it (read from disk, not from the run's return value).</summary>
public sealed record Manifest(int Seed, string Start, int Days, int Stores, int AgentsPerStore, string Format, string Layout,
    List<ManifestEntry> Files, List<ManifestBadRow> BadRows)
{
    public const string FileName = ".seed-manifest.json";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public DateOnly StartDate => DateOnly.ParseExact(Start, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public DateOnly EndDate => StartDate.AddDays(Days);

    public static Manifest Read(string directory) =>
        JsonSerializer.Deserialize<Manifest>(File.ReadAllText(Path.Combine(directory, FileName)), Json)
        ?? throw new InvalidDataException("empty manifest");
}
