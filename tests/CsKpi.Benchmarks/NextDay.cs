using System.Globalization;
using CsKpi.Seed;
using SeedFormat = CsKpi.Seed.Output.FileFormat;

namespace CsKpi.Benchmarks;

/// <summary>
/// One more day of a store's exports after the history a scenario loaded: the facts only (chats, orders, ratings), as
/// a daily export would be. The seed draws each store-day from its own random stream, so it is the day the history
/// would have continued with; its message ids are moved past the month's (see <see cref="RenumberMessages"/>).
/// </summary>
internal static class NextDay
{
    public static string Seed(string folder, int agents, DateOnly day)
    {
        SeedRun.Run(new SeedOptions { OutputDirectory = folder, Agents = agents, Days = 1, Start = day, Format = SeedFormat.Csv });
        foreach (var reference in Directory.GetFiles(folder).Where(f => Path.GetFileName(f) is var n
                     && (n.StartsWith("agents", StringComparison.Ordinal) || n.StartsWith("courses", StringComparison.Ordinal) || n.StartsWith("training", StringComparison.Ordinal))))
        {
            File.Delete(reference);
        }

        foreach (var chats in Directory.GetFiles(folder, "chats*.csv", SearchOption.AllDirectories))
        {
            RenumberMessages(chats);
        }

        return folder;
    }

    /// <summary>
    /// The smallest next day: each of the day's files (<paramref name="day"/>, from <see cref="Seed"/>) with its header
    /// and first record only (one chat message, one order, one rating), so its load and recompute are the daily path's
    /// fixed cost: every statement still runs, on almost no rows.
    /// </summary>
    public static string Floor(string day, string folder)
    {
        if (Directory.Exists(folder))
        {
            return folder;
        }

        var building = folder + ".part";
        if (Directory.Exists(building))
        {
            Directory.Delete(building, recursive: true);
        }

        Directory.CreateDirectory(building);
        foreach (var file in Directory.GetFiles(day, "*.csv"))
        {
            var lines = File.ReadLines(file).ToList();
            var kept = new List<string> { lines[0] };
            var quoted = false;
            // the first record, with the lines of a quoted text that spans lines
            for (var i = 1; i < lines.Count && (kept.Count == 1 || quoted); i++)
            {
                kept.Add(lines[i]);
                quoted ^= lines[i].Count(c => c == '"') % 2 == 1;
            }

            File.WriteAllLines(Path.Combine(building, Path.GetFileName(file)), kept);
        }

        Directory.Move(building, folder);
        return folder;
    }

    /// <summary>
    /// The seed numbers a month's messages from the month's first day on, so a second run for one day of a month the
    /// history already holds repeats the history's ids of that month: loaded, those were other messages under the same
    /// key (the checks fail), or, when the dedupe still read the whole history, the day's chats dropped as duplicates
    /// (the scenario then measured a day of orders only). The day's ids move past any the history's month can use
    /// (a month's counter stays far below it), so the day is new messages, as a real export's next day is.
    /// </summary>
    private static void RenumberMessages(string path)
    {
        const long Offset = 900_000_000;
        var lines = File.ReadAllLines(path);
        var quoted = false;
        for (var i = 1; i < lines.Length; i++)
        {
            // message_id is the file's first column; a line inside a quoted text that spans lines is not a record's start
            if (!quoted && lines[i].IndexOf(',') is > 0 and var comma && long.TryParse(lines[i].AsSpan(0, comma), out var id))
            {
                lines[i] = (id + Offset).ToString(CultureInfo.InvariantCulture) + lines[i][comma..];
            }

            quoted ^= lines[i].Count(c => c == '"') % 2 == 1;
        }

        File.WriteAllLines(path, lines);
    }
}
