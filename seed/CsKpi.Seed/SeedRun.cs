using System.Text.Json;
using CsKpi.Seed.Contract;
using CsKpi.Seed.Generation;
using CsKpi.Seed.Layouts;
using CsKpi.Seed.Output;
using CsKpi.Seed.People;
using CsKpi.Seed.Reports;

namespace CsKpi.Seed;

public sealed record SeedFile(string Name, string Kind, long Rows);

/// <summary>What a run wrote; also saved as <c>.seed-manifest.json</c> beside the files (a dot file, so an inbox scan skips it).</summary>
public sealed record SeedManifest(int Seed, string Start, int Days, int Stores, int AgentsPerStore, string Format, string Layout,
    IReadOnlyList<SeedFile> Files, IReadOnlyList<BadRow> BadRows)
{
    public const string FileName = ".seed-manifest.json";

    public long RowsOf(string kind) => Files.Where(f => f.Kind == kind).Sum(f => f.Rows);
}

/// <summary>Generates every kind of the data contract for the options, partitioned by store and month.</summary>
public static class SeedRun
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static SeedManifest Run(SeedOptions options)
    {
        var directory = options.OutputDirectory;
        Directory.CreateDirectory(directory);
        var plan = BadRows.Plan(options);
        var files = new List<SeedFile>();
        var badRows = new List<BadRow>();

        var stores = new List<StoreModel>();
        var training = new List<TrainingEvent>();
        for (var i = 0; i < options.Stores; i++)
        {
            var staff = StaffGenerator.Generate(options, i);
            training.AddRange(TrainingGenerator.Generate(staff, options, i));
            stores.Add(new StoreModel(options, i, staff));
        }

        var first = stores[0];
        var firstAgent = first.Agents[0].AgentId;
        if (!options.ChatsOnly)
        {
            files.AddRange(WriteReference(directory, options, stores, training, plan, badRows, first.StoreId, firstAgent));
        }

        var months = Months(options).ToArray();
        var partitions = stores.SelectMany(s => months.Select(m => (Store: s, m.From, m.To))).ToArray();
        var results = new (List<SeedFile> Files, List<BadRow> Bad, List<OrderState> Late, Dictionary<(string, int), AgentDay>? Days)[partitions.Length];
        Parallel.For(0, partitions.Length, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism }, p =>
        {
            var (store, from, to) = partitions[p];
            var bad = new List<BadRow>();
            using var generator = new PartitionGenerator(store, options, from, to, directory, options.WritesChatsOf(store.Index)) { ExportMinute = p };
            generator.Run();
            if (p == 0)
            {
                if (generator.Chats is { } chats)
                {
                    bad.AddRange(BadRows.Append(chats, plan["chats"], store.StoreId, firstAgent, options.Format));
                }

                if (generator.Orders is { } orders)
                {
                    bad.AddRange(BadRows.Append(orders, plan["orders"], store.StoreId, firstAgent, options.Format));
                }

                if (generator.Ratings is { } ratings)
                {
                    bad.AddRange(BadRows.Append(ratings, plan["ratings"], store.StoreId, firstAgent, options.Format));
                }
            }

            var written = new[] { generator.Chats, generator.Orders, generator.Ratings }
                .Where(f => f is not null)
                .Select(f => new SeedFile(f!.FileName, f.Table.Kind, f.Rows))
                .ToList();
            if (generator.TranscriptName is { } transcript)
            {
                written.Add(new SeedFile(transcript, "chats", generator.TranscriptMessages));
            }

            if (generator.PlatformOrders is { } platform)
            {
                written.Add(platform);
            }

            results[p] = (written, bad, generator.LateUpdates, generator.Tally?.Finish());
        });

        for (var p = 0; p < partitions.Length; p++)
        {
            files.AddRange(results[p].Files);
            badRows.AddRange(results[p].Bad);
            if (results[p].Late.Count > 0 && options.Layout != Layout.Contract)
            {
                // The platform's later export of the orders that changed: its name's minute follows every monthly export's.
                var (store, _, _) = partitions[p];
                var end = options.End.ToDateTime(TimeOnly.MinValue);
                files.Add(PlatformOrders.Write(options.Layout, directory, store, options, end, end.AddMinutes(partitions.Length + p), results[p].Late));
            }
            else if (results[p].Late.Count > 0)
            {
                var (store, from, _) = partitions[p];
                using var late = new BatchedFile(directory, $"orders_{from:yyyy-MM}_updates{store.FileSuffix(options.Stores)}", ContractTables.Orders, options, 16_384);
                foreach (var state in results[p].Late)
                {
                    PartitionGenerator.WriteOrder(late, store.StoreId, state);
                }

                files.Add(new SeedFile(late.FileName, "orders", late.Rows));
            }
        }

        foreach (var store in stores.Where(s => options.WritesReportsOf(s.Index)))
        {
            // A day's consultations may come from two partitions (a reply after midnight at a month's end): add them up.
            var days = new Dictionary<(string Agent, int Day), AgentDay>();
            for (var p = 0; p < partitions.Length; p++)
            {
                if (partitions[p].Store != store || results[p].Days is not { } partial)
                {
                    continue;
                }

                foreach (var (key, day) in partial)
                {
                    if (days.TryGetValue(key, out var sum))
                    {
                        sum.Add(day);
                    }
                    else
                    {
                        days[key] = day;
                    }
                }
            }

            files.AddRange(ReportWriter.Write(directory, store, options, days));
        }

        var manifest = new SeedManifest(options.Seed, options.Start.ToString("yyyy-MM-dd"), options.Days, options.Stores, options.Agents,
            options.Format.ToString().ToLowerInvariant(), options.Layout.Name(), files.OrderBy(f => f.Name, StringComparer.Ordinal).ToList(), badRows);
        File.WriteAllText(Path.Combine(directory, SeedManifest.FileName), JsonSerializer.Serialize(manifest, Json) + "\n");
        return manifest;
    }

    private static List<SeedFile> WriteReference(string directory, SeedOptions options, List<StoreModel> stores, List<TrainingEvent> training,
        ILookup<string, int> plan, List<BadRow> badRows, string storeId, string agentId)
    {
        void Finish(BatchedFile file) => badRows.AddRange(BadRows.Append(file, plan[file.Table.Kind], storeId, agentId, options.Format));
        var files = ReferenceFiles.WriteRosters(directory, options, stores, Finish).ToList();
        files.Add(ReferenceFiles.WriteCourses(directory, options, Finish));
        files.Add(ReferenceFiles.WriteTraining(directory, options, training, Finish));
        return files;
    }

    /// <summary>The run's months, each [from, to): the first and last may be partial.</summary>
    internal static IEnumerable<(DateOnly From, DateOnly To)> Months(SeedOptions options)
    {
        for (var from = options.Start; from < options.End;)
        {
            var to = new DateOnly(from.Year, from.Month, 1).AddMonths(1);
            if (to > options.End)
            {
                to = options.End;
            }

            yield return (from, to);
            from = to;
        }
    }
}
