using System.Diagnostics;
using CsKpi.Seed;

// Synthetic data of every kind of the data contract; see docs/seed.md.
if (args.Length == 0 || args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(SeedOptions.Usage);
    return args.Length == 0 ? 2 : 0;
}

SeedOptions options;
try
{
    options = SeedOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"seed: {e.Message}");
    Console.Error.WriteLine(SeedOptions.Usage);
    return 2;
}

if (OutputFolder.Refusal(options) is { } refusal)
{
    Console.Error.WriteLine($"seed: {refusal}");
    return 2;
}

var clock = Stopwatch.StartNew();
var manifest = SeedRun.Run(options);
foreach (var kind in manifest.Files.Select(f => f.Kind).Distinct())
{
    Console.WriteLine($"{kind,-9} {manifest.Files.Count(f => f.Kind == kind),4} files {manifest.RowsOf(kind),12:N0} rows");
}

if (manifest.BadRows.Count > 0)
{
    Console.WriteLine($"bad rows  {manifest.BadRows.Count} (listed in {SeedManifest.FileName})");
}

Console.WriteLine($"wrote {Path.GetFullPath(options.OutputDirectory)} in {clock.Elapsed.TotalSeconds:N1} s");
return 0;
