using CsKpi.Seed.Generation;
using CsKpi.Seed.People;

namespace CsKpi.Seed.Reports;

/// <summary>
/// Writes one store's reports from its agent-days: for each month of the run, every layout as one file a day (the
/// daily download) and one for the month's days (the download for the assessment: the whole calendar month when
/// the run covers it), plus the attendance report the same way. Files sit in the store's inbox sub-folder.
/// </summary>
internal static class ReportWriter
{
    public static List<SeedFile> Write(string directory, StoreModel store, SeedOptions options, IReadOnlyDictionary<(string Agent, int Day), AgentDay> days)
    {
        var ranges = new List<(DateOnly From, DateOnly To, bool Daily)>();
        foreach (var (from, to) in SeedRun.Months(options))
        {
            var last = to.AddDays(-1);
            for (var day = from; day <= last; day = day.AddDays(1))
            {
                ranges.Add((day, day, true));
            }

            ranges.Add((from, last, false));
        }

        // Each file stands alone (mostly workbooks, the costly part): written side by side; the manifest sorts them.
        var files = new List<SeedFile>[ranges.Count];
        Parallel.For(0, ranges.Count, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism }, i =>
            files[i] = WriteRange(directory, store, options, days, ranges[i].From, ranges[i].To, ranges[i].Daily).ToList());
        return files.SelectMany(f => f).ToList();
    }

    private static IEnumerable<SeedFile> WriteRange(string directory, StoreModel store, SeedOptions options,
        IReadOnlyDictionary<(string Agent, int Day), AgentDay> days, DateOnly from, DateOnly to, bool daily)
    {
        var rows = new List<ReportRow>();
        var attendance = new List<object?[]>();
        foreach (var agent in store.Agents)
        {
            var sums = new AgentDay();
            var shifts = new List<Shift>();
            for (var day = from; day <= to; day = day.AddDays(1))
            {
                var activity = days.GetValueOrDefault((agent.AgentId, day.DayNumber));
                if (activity is not null)
                {
                    sums.Add(activity);
                }

                if (Attendance.ShiftOf(agent, day, options.Seed, store.Index) is { } shift)
                {
                    shifts.Add(shift);
                }
            }

            // The tools list the accounts that served someone in the period.
            if (!sums.IsEmpty)
            {
                rows.Add(new ReportRow(agent, TeamOn(agent, to), sums));
            }

            if (shifts.Count > 0)
            {
                attendance.Add(Attendance.Row(agent, shifts));
            }
        }

        foreach (var layout in AgentReportLayout.All)
        {
            yield return ReportFile.Write(directory, store.StoreId, layout.FileName(from, to), layout.FormatOf(daily), layout.Header,
                rows.Select(layout.Cells).ToList());
        }

        yield return ReportFile.Write(directory, store.StoreId, Attendance.FileName(from, to), daily ? ReportFormat.Xlsx : ReportFormat.GbkCsv,
            Attendance.Header, attendance);
    }

    private static string TeamOn(Agent agent, DateOnly day) =>
        agent.Changes.LastOrDefault(c => c.AsOf <= day && c.Team is not null)?.Team ?? agent.InitialTeam;
}
