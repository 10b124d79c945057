using System.Text.Json;

namespace CsKpi.Seed;

/// <summary>
/// Whether the command line may write into its --out folder. An inbox the site or <c>cskpi ingest</c> reads (the demo's
/// data/inbox) holds another run's files; seeding into it would load a second store's roster and courses over the
/// first (agents move teams, courses change). So the seed writes only into a missing or empty folder, or one an
/// identical run wrote (rewriting the same bytes), unless told --force.
/// </summary>
public static class OutputFolder
{
    /// <summary>Why the run may not write into its folder, or null when it may.</summary>
    public static string? Refusal(SeedOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = options.OutputDirectory;
        if (options.Force || !Directory.Exists(directory))
        {
            return null;
        }

        var entries = Directory.EnumerateFileSystemEntries(directory).Where(e => Path.GetFileName(e) != SeedManifest.FileName).ToList();
        if (entries.Count == 0 || SameRun(Path.Combine(directory, SeedManifest.FileName), options))
        {
            return null;
        }

        var example = Path.GetFileName(entries.Order(StringComparer.Ordinal).First());
        return $"{Path.GetFullPath(directory)} already holds {entries.Count} file{(entries.Count == 1 ? "" : "s")} of another run or "
            + $"not written by the seed (e.g. {example}); an inbox would load both. Write into a new or empty folder "
            + "(--out data/seed/inbox), or pass --force to write beside them.";
    }

    /// <summary>Whether the folder's manifest is of a run with the same options: that run's files are rewritten byte for byte.</summary>
    private static bool SameRun(string manifestPath, SeedOptions options)
    {
        if (!File.Exists(manifestPath))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(manifestPath));
            var root = document.RootElement;
            string Text(string name) => root.TryGetProperty(name, out var v) ? v.ToString() : "";
            return Text("seed") == options.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)
                && Text("start") == options.Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
                && Text("days") == options.Days.ToString(System.Globalization.CultureInfo.InvariantCulture)
                && Text("stores") == options.Stores.ToString(System.Globalization.CultureInfo.InvariantCulture)
                && Text("agents_per_store") == options.Agents.ToString(System.Globalization.CultureInfo.InvariantCulture)
                && Text("format") == options.Format.ToString().ToLowerInvariant()
                && Text("layout") == Layouts.LayoutExtensions.Name(options.Layout);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
