using System.Text.Json;
using CsKpi.Jobs.Tests.Support;
using CsKpi.Seed;

namespace CsKpi.Jobs.Tests;

/// <summary>
/// A warehouse that ingested a seeded inbox with bad rows and one empty file, shared by the tests of
/// <see cref="RejectsCommandTests"/>: <c>cskpi rejects</c> only reads it.
/// </summary>
public sealed class RejectedInbox : IDisposable
{
    public RejectedInbox()
    {
        Manifest = Bed.Seed(badRows: 6);
        File.WriteAllBytes(Path.Combine(Bed.Inbox, "orders_empty.csv"), []);
        var ingest = Bed.Ingest();
        Assert.True(ingest.Exit == 0, ingest.ToString());
    }

    public CliTestBed Bed { get; } = new(fromTemplate: true);
    public SeedManifest Manifest { get; }

    public void Dispose() => Bed.Dispose();
}

/// <summary><c>cskpi rejects</c> after an in-process <c>cskpi ingest</c> of a seeded inbox with bad rows.</summary>
public sealed class RejectsCommandTests(RejectedInbox inbox) : IClassFixture<RejectedInbox>
{
    private readonly CliTestBed bed = inbox.Bed;
    private readonly SeedManifest manifest = inbox.Manifest;

    private static JsonElement[] Rejects(CliResult run)
    {
        Assert.True(run.Exit == 0, run.ToString());
        using var document = JsonDocument.Parse(run.Out);
        return document.RootElement.GetProperty("rejects").EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    [Fact]
    public void Lists_every_bad_row_at_its_line_with_column_value_and_reason_and_the_file_rejected_whole()
    {
        var run = bed.Rejects();

        Assert.True(run.Exit == 0, run.ToString());
        Assert.Empty(run.Error);
        var lines = run.Out.Split('\n');
        Assert.Matches("^file +line +column +value +reason$", lines[0]);
        foreach (var bad in manifest.BadRows)
        {
            var row = Assert.Single(lines, l => l.StartsWith(bad.File + " ", StringComparison.Ordinal)
                && l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, var line, var column, ..]
                && line == bad.Line.ToString(System.Globalization.CultureInfo.InvariantCulture) && column == bad.Column);
            Assert.Contains(bad.Column, row[(bad.File.Length + 1)..].Split("  ", StringSplitOptions.RemoveEmptyEntries)[^1], StringComparison.Ordinal);
        }

        var whole = Assert.Single(lines, l => l.StartsWith("orders_empty.csv ", StringComparison.Ordinal));
        Assert.Matches(@"^orders_empty\.csv +whole file +- +- +.*empty", whole);
        Assert.Contains($"{manifest.BadRows.Count + 1} rejects in {manifest.BadRows.Select(b => b.File).Distinct().Count() + 1} files", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_has_every_reject_with_its_reason_newest_file_first()
    {
        var run = bed.Rejects("--json");

        var rejects = Rejects(run);
        using var document = JsonDocument.Parse(run.Out);
        Assert.Equal(manifest.BadRows.Count + 1, document.RootElement.GetProperty("total").GetInt64());
        Assert.Equal(rejects.Length, document.RootElement.GetProperty("shown").GetInt32());
        foreach (var bad in manifest.BadRows)
        {
            var reject = Assert.Single(rejects, r => r.GetProperty("file").GetString() == bad.File && r.GetProperty("line").GetInt64() == bad.Line);
            Assert.Equal(bad.Column, reject.GetProperty("column").GetString());
            Assert.Equal(bad.Value, reject.GetProperty("value").GetString());
            Assert.False(string.IsNullOrWhiteSpace(reject.GetProperty("reason").GetString()));
            Assert.False(reject.GetProperty("wholeFile").GetBoolean());
        }

        var whole = Assert.Single(rejects, r => r.GetProperty("wholeFile").GetBoolean());
        Assert.Equal("orders_empty.csv", whole.GetProperty("file").GetString());
        Assert.Equal(JsonValueKind.Null, whole.GetProperty("line").ValueKind);
        Assert.Contains("empty", whole.GetProperty("reason").GetString(), StringComparison.Ordinal);

        var fileIds = rejects.Select(r => r.GetProperty("fileId").GetInt64()).ToList();
        Assert.Equal(fileIds.OrderDescending(), fileIds);
    }

    [Fact]
    public void File_narrows_to_one_file()
    {
        var chats = manifest.BadRows.First(b => b.Kind == "chats").File;

        var text = bed.Rejects("--file", chats);
        var json = bed.Rejects("--file", chats, "--json");

        Assert.True(text.Exit == 0, text.ToString());
        var rows = text.Out.Split('\n').Skip(1).TakeWhile(l => l.Length > 0).ToList();
        Assert.Equal(manifest.BadRows.Count(b => b.File == chats), rows.Count);
        Assert.All(rows, r => Assert.StartsWith(chats + " ", r, StringComparison.Ordinal));
        var rejects = Rejects(json);
        Assert.Equal(rows.Count, rejects.Length);
        Assert.All(rejects, r => Assert.Equal(chats, r.GetProperty("file").GetString()));
    }

    [Fact]
    public void A_file_without_rejects_says_so_and_an_unknown_file_fails()
    {
        var clean = manifest.Files.First(f => manifest.BadRows.All(b => b.File != f.Name)).Name;

        var none = bed.Rejects("--file", clean);
        var unknown = bed.Rejects("--file", "chats_1999-01.csv");

        Assert.Equal(0, none.Exit);
        Assert.Contains($"No rejected rows in {clean}", none.Out, StringComparison.Ordinal);
        Assert.Equal(1, unknown.Exit);
        Assert.Contains("no file named 'chats_1999-01.csv'", unknown.Error, StringComparison.Ordinal);
        Assert.Empty(unknown.Out);
    }

    [Fact]
    public void Limit_cuts_the_list_and_says_how_many_more_exist()
    {
        var total = manifest.BadRows.Count + 1;

        var text = bed.Rejects("--limit", "2");
        var json = bed.Rejects("--limit=2", "--json");
        var all = bed.Rejects("--limit", "0", "--json");

        Assert.Equal(0, text.Exit);
        Assert.Equal(2, text.Out.Split('\n').Skip(1).TakeWhile(l => l.Length > 0).Count());
        Assert.Contains($"showing 2 of {total} rejects", text.Out, StringComparison.Ordinal);
        Assert.Equal(2, Rejects(json).Length);
        Assert.Equal(total, Rejects(all).Length);
    }

    [Fact]
    public void A_warehouse_that_does_not_exist_is_not_created()
    {
        var missing = Path.Combine(bed.Root, "elsewhere", "cskpi.duckdb");

        var run = bed.Run("rejects", "--warehouse", missing);

        Assert.Equal(1, run.Exit);
        Assert.Contains($"there is no warehouse at {missing}", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
    }
}
