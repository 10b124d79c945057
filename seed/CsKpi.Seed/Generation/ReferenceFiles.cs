using CsKpi.Seed.Contract;
using CsKpi.Seed.Output;
using CsKpi.Seed.People;

namespace CsKpi.Seed.Generation;

/// <summary>The small files: roster snapshots, the course catalogue, and training events.</summary>
internal static class ReferenceFiles
{
    /// <summary>
    /// One roster snapshot at the start and one on the first of every later month, as HR exports the whole team.
    /// Level and coefficient are given for new agents and for changes only; a leaver shows once with left_on.
    /// </summary>
    public static IEnumerable<SeedFile> WriteRosters(string directory, SeedOptions options, IReadOnlyList<StoreModel> stores, Action<BatchedFile> finishFirst)
    {
        var files = new List<SeedFile>();
        var snapshotDays = new List<DateOnly> { options.Start };
        for (var d = new DateOnly(options.Start.Year, options.Start.Month, 1).AddMonths(1); d < options.End; d = d.AddMonths(1))
        {
            snapshotDays.Add(d);
        }

        var table = ContractTables.Agents;
        DateOnly? previous = null;
        foreach (var asOf in snapshotDays)
        {
            using var file = new BatchedFile(directory, $"agents_{asOf:yyyy-MM-dd}", table, options, 4096);
            foreach (var agent in stores.SelectMany(s => s.Agents))
            {
                var listed = agent.HiredOn <= asOf && (agent.LeftOn is null || previous is null || agent.LeftOn > previous);
                if (!listed)
                {
                    continue;
                }

                var isNew = previous is null || agent.HiredOn > previous;
                var changes = agent.Changes.Where(c => c.AsOf <= asOf).ToList();
                var changedNow = agent.Changes.Where(c => c.AsOf == asOf).ToList();
                var team = changes.LastOrDefault(c => c.Team is not null)?.Team ?? agent.InitialTeam;
                var level = changes.LastOrDefault(c => c.Level is not null)?.Level ?? agent.InitialLevel;
                var coefficient = changes.LastOrDefault(c => c.Coefficient is not null)?.Coefficient ?? agent.InitialCoefficient;
                var showGrade = isNew || changedNow.Any(c => c.Level is not null || c.Coefficient is not null);

                var b = file.Batch;
                var row = b.AddRow();
                b.SetText(row, 0, agent.AgentId);
                b.SetText(row, 1, agent.Name);
                b.SetText(row, 2, agent.StoreId);
                b.SetText(row, 3, team);
                b.SetText(row, 4, agent.Role switch { AgentRole.Presale => "presale", AgentRole.Aftersale => "aftersale", _ => "both" });
                b.SetDate(row, 5, agent.HiredOn);
                if (agent.LeftOn is { } left && left <= asOf.AddMonths(1))
                {
                    b.SetDate(row, 6, left);
                }

                if (showGrade)
                {
                    b.SetText(row, 7, level);
                    b.SetNumber(row, 8, (long)(coefficient * 100));
                }

                b.SetNumber(row, 9, LevelStep.Of(level).MonthlyCostYuan * 100L + agent.Index % 7 * 10_000L);
                b.SetDate(row, 10, asOf);
                file.FlushIfFull();
            }

            if (previous is null)
            {
                finishFirst(file);
            }

            files.Add(new SeedFile(file.FileName, table.Kind, file.Rows));
            previous = asOf;
        }

        return files;
    }

    public static SeedFile WriteCourses(string directory, SeedOptions options, Action<BatchedFile> finish)
    {
        using var file = new BatchedFile(directory, "courses", ContractTables.Courses, options, 256);
        foreach (var course in CourseCatalogue.Courses)
        {
            var b = file.Batch;
            var row = b.AddRow();
            b.SetText(row, 0, course.CourseId);
            b.SetText(row, 1, course.Title);
            b.SetText(row, 2, course.Category);
            b.SetNumber(row, 3, course.PassScore);
            if (course.ValidMonths is { } months)
            {
                b.SetNumber(row, 4, months);
            }

            b.SetText(row, 5, course.RequiredForLevel);
            b.SetNumber(row, 6, (long)(course.Hours * 100));
        }

        finish(file);
        return new SeedFile(file.FileName, file.Table.Kind, file.Rows);
    }

    public static SeedFile WriteTraining(string directory, SeedOptions options, IEnumerable<TrainingEvent> events, Action<BatchedFile> finish)
    {
        using var file = new BatchedFile(directory, "training", ContractTables.Training, options, 8192);
        foreach (var e in events)
        {
            var b = file.Batch;
            var row = b.AddRow();
            b.SetText(row, 0, e.AgentId);
            b.SetText(row, 1, e.CourseId);
            b.SetText(row, 2, e.Status);
            b.SetDate(row, 3, e.EventOn);
            if (e.Score is { } score)
            {
                b.SetNumber(row, 4, score);
            }

            b.SetText(row, 5, e.Assessor);
            file.FlushIfFull();
        }

        finish(file);
        return new SeedFile(file.FileName, file.Table.Kind, file.Rows);
    }
}
