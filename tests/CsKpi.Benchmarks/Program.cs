using CsKpi.Benchmarks;

// dotnet run -c Release --project tests/CsKpi.Benchmarks -- <scenario> [--scale N]
var scenarios = new Dictionary<string, Func<int, IReadOnlyList<Figure>>>
{
    ["seed-chats"] = SeedChatsScenario.Run,
    ["ingest"] = IngestScenario.Run,
    ["ingest-steps"] = IngestStepsScenario.Run,
    ["recompute"] = RecomputeScenario.Run,
    ["recompute-history"] = RecomputeHistoryScenario.Run,
    ["web"] = WebScenario.Run,
    ["gb18030"] = Gb18030Scenario.Run,
    ["lake"] = LakeScenario.Run,
};

// lake-read LAKE MONTH SNAPSHOT...: the firm-wide month on a kept lake against one file of the merged snapshots (LakeScenario).
if (args is ["lake-read", var lakeRoot, var lakeMonth, .. var snapshots] && snapshots.Length > 0)
{
    Console.WriteLine($"lake-read of {lakeRoot} on {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.Now:yyyy-MM-dd}");
    Figure.Print(LakeScenario.ReadAtScale(lakeRoot, lakeMonth, snapshots));
    return 0;
}

// replay WAREHOUSE SCRIPT: a script's statements (separated by ";;" lines) on a warehouse, each timed (ReplayScenario).
if (args is ["replay", var replayDatabase, var replayScript])
{
    return ReplayScenario.Run(replayDatabase, replayScript);
}

if (args.Length == 0 || !scenarios.TryGetValue(args[0], out var scenario))
{
    Console.Error.WriteLine($"usage: dotnet run -c Release --project tests/CsKpi.Benchmarks -- <scenario> [--scale N]\nscenarios: {string.Join(", ", scenarios.Keys)}\n   or: ... -- lake-read LAKE MONTH SNAPSHOT... (a lake shards.sh kept, its month yyyy-mm, the shards' analyst.duckdb files)");
    return 2;
}

var scale = 1;
var at = Array.IndexOf(args, "--scale");
if (at >= 0 && (at + 1 >= args.Length || !int.TryParse(args[at + 1], out scale) || scale < 1))
{
    Console.Error.WriteLine("--scale needs a whole number ≥ 1");
    return 2;
}

Console.WriteLine($"{args[0]} at scale {scale} on {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.Now:yyyy-MM-dd}");
Figure.Print(scenario(scale));
return 0;
