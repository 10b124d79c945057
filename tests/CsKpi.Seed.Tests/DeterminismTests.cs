using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using CsKpi.Seed.Output;
using CsKpi.Seed.Tests.Support;
using static CsKpi.Seed.Tests.Support.Db;

namespace CsKpi.Seed.Tests;

/// <summary>
/// Small runs of the same options, generated once for the class: twice per format (and GBK), once with one
/// partition at a time instead of two, once with another seed. Two stores over a month boundary make four
/// partitions, so the parallel schedule really differs.
/// </summary>
public sealed class DeterminismRuns : IDisposable
{
    private readonly TempDirectory _temp = new("determinism");

    public DeterminismRuns()
    {
        Generate("csv-a", o => o);
        Generate("csv-b", o => o);
        Generate("gbk-a", o => o with { GbkOrders = true });
        Generate("gbk-b", o => o with { GbkOrders = true });
        Generate("jsonl-a", o => o with { Format = FileFormat.Jsonl });
        Generate("jsonl-b", o => o with { Format = FileFormat.Jsonl });
        Generate("parquet-a", o => o with { Format = FileFormat.Parquet });
        Generate("parquet-b", o => o with { Format = FileFormat.Parquet });
        Generate("csv-serial", o => o with { Parallelism = 1 });
        Generate("csv-seed8", o => o with { Seed = 8 });
    }

    public Dictionary<string, string> Directories { get; } = [];

    public string Scratch => _temp.Sub("scratch");

    public static SeedOptions Options(string directory) => new()
    {
        OutputDirectory = directory,
        Agents = 4,
        Days = 14,
        Start = new DateOnly(2026, 1, 25),
        Stores = 2,
        Seed = 7,
        BadRows = 12,
        Parallelism = 2,
    };

    public string NewDirectory(string label) => _temp.Sub(label);

    private void Generate(string label, Func<SeedOptions, SeedOptions> change)
    {
        var directory = _temp.Sub(label);
        SeedRun.Run(change(Options(directory)));
        Directories[label] = directory;
    }

    /// <summary>SHA-256 of every file of a folder, the manifest included.</summary>
    public static SortedDictionary<string, string> Hashes(string directory) =>
        new(Directory.GetFiles(directory).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))),
            StringComparer.Ordinal);

    public void Dispose() => _temp.Dispose();
}

public sealed class DeterminismTests(DeterminismRuns runs) : IClassFixture<DeterminismRuns>
{
    [Theory]
    [InlineData("csv")]
    [InlineData("gbk")]
    [InlineData("jsonl")]
    [InlineData("parquet")]
    public void The_same_options_and_seed_give_byte_identical_files(string format)
    {
        var a = DeterminismRuns.Hashes(runs.Directories[$"{format}-a"]);
        var b = DeterminismRuns.Hashes(runs.Directories[$"{format}-b"]);
        AssertSameFiles(a, b);
    }

    [Fact]
    public void The_number_of_partitions_generated_at_once_does_not_change_the_bytes()
    {
        AssertSameFiles(DeterminismRuns.Hashes(runs.Directories["csv-a"]), DeterminismRuns.Hashes(runs.Directories["csv-serial"]));
    }

    [Fact]
    public async Task A_separate_process_writes_the_same_bytes()
    {
        // In-process runs share one process's hash seeds and statics; the promise is about separate runs of the tool.
        var directory = runs.NewDirectory("process");
        var seed = Path.Combine(AppContext.BaseDirectory, "CsKpi.Seed.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "exec", seed, "--out", directory, "--agents", "4", "--days", "14", "--start", "2026-01-25", "--stores", "2",
                     "--seed", "7", "--format", "csv", "--bad-rows", "12", "--parallel", "3" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await error}");
        Assert.Contains("bad rows  12", await output, StringComparison.Ordinal);
        AssertSameFiles(DeterminismRuns.Hashes(runs.Directories["csv-a"]), DeterminismRuns.Hashes(directory));
    }

    [Fact]
    public void A_different_seed_gives_different_chats()
    {
        var a = DeterminismRuns.Hashes(runs.Directories["csv-a"]);
        var b = DeterminismRuns.Hashes(runs.Directories["csv-seed8"]);
        var chats = a.Keys.Where(k => k.StartsWith("chats", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, chats.Count);
        Assert.All(chats, name => Assert.NotEqual(a[name], b[name]));

        // Not just a shifted id: the conversations themselves differ.
        using var db = OpenInMemory();
        var read = (string label) => $"read_csv({Lit(Path.Combine(runs.Directories[label], "chats_2026-01_s01.csv"))}, delim=',', quote='\"', escape='\"', header=true, all_varchar=true)";
        var common = db.Count($"SELECT count(*) FROM (SELECT buyer_id, sent_at, content FROM {read("csv-a")} INTERSECT SELECT buyer_id, sent_at, content FROM {read("csv-seed8")})");
        var total = db.Count($"SELECT count(*) FROM {read("csv-a")}");
        Assert.True(common < total / 100, $"{common} of {total} messages are the same under another seed");
    }

    [Fact]
    public void A_GBK_export_holds_the_same_text_as_the_UTF8_export()
    {
        var utf8 = runs.Directories["csv-a"];
        var gbk = runs.Directories["gbk-a"];
        var a = DeterminismRuns.Hashes(utf8);
        var b = DeterminismRuns.Hashes(gbk);
        Assert.Equal(a.Keys, b.Keys);
        foreach (var name in a.Keys)
        {
            if (name.StartsWith("orders", StringComparison.Ordinal))
            {
                Assert.NotEqual(a[name], b[name]);
                Assert.Equal(File.ReadAllText(Path.Combine(utf8, name), Encoding.UTF8), SeedLoader.StrictGbk.GetString(File.ReadAllBytes(Path.Combine(gbk, name))));
            }
            else
            {
                Assert.True(a[name] == b[name], $"{name} differs though only the orders' encoding was asked to change");
            }
        }
    }

    [Fact]
    public void The_three_formats_carry_the_same_data()
    {
        // Only the spelling changes between formats (Chinese words, date styles, offsets, native types).
        using var db = OpenInMemory();
        var loaded = new[] { "csv", "jsonl", "parquet" }
            .Select(f => SeedLoader.Load(db, f, runs.Directories[$"{f}-a"], runs.Scratch)).ToList();
        foreach (var kind in Spec.Kinds)
        {
            var columns = "regexp_replace(file, '\\.[a-z]+$', '') AS part, " + string.Join(", ", kind.Columns.Select(c => Id(c.Name)));
            var csv = $"SELECT {columns} FROM {loaded[0].Good(kind.Name)}";
            var rows = db.Count($"SELECT count(*) FROM ({csv})");
            Assert.True(rows > 0, $"no {kind.Name}");
            foreach (var other in loaded.Skip(1))
            {
                var theirs = $"SELECT {columns} FROM {other.Good(kind.Name)}";
                var onlyCsv = db.Rows($"({csv} EXCEPT ALL {theirs}) LIMIT 3");
                var onlyOther = db.Rows($"({theirs} EXCEPT ALL {csv}) LIMIT 3");
                Assert.True(onlyCsv.Count == 0 && onlyOther.Count == 0,
                    $"{kind.Name}: csv and {other.Format} differ\nonly in csv:\n{Show(onlyCsv)}\nonly in {other.Format}:\n{Show(onlyOther)}");
            }
        }
    }

    private static void AssertSameFiles(SortedDictionary<string, string> a, SortedDictionary<string, string> b)
    {
        Assert.Contains(".seed-manifest.json", a.Keys);
        Assert.True(a.Count >= 15, $"only {a.Count} files");
        Assert.Equal(a.Keys, b.Keys);
        var differ = a.Keys.Where(k => a[k] != b[k]).ToList();
        Assert.True(differ.Count == 0, "files differ: " + string.Join(", ", differ));
    }
}
