using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CsKpi.Jobs.Tests.Support;
using CsKpi.Seed;
using CsKpi.Warehouse;

namespace CsKpi.Jobs.Tests;

/// <summary><c>cskpi ingest</c> run in-process on a seeded inbox, into a copy of the run's migrated warehouse.</summary>
public sealed class IngestCommandTests : IDisposable
{
    private readonly CliTestBed bed = new(fromTemplate: true);

    public void Dispose() => bed.Dispose();

    /// <summary>One table line of <c>cskpi ingest</c>; file names of the seed have no spaces, so fields split on them.</summary>
    private sealed record Line(string File, string Kind, string Layout, string Outcome, long Read, long Loaded, long Duplicates, long Rejected, string Reason);

    private static List<Line> Lines(string output)
    {
        var table = output.Split('\n').TakeWhile(l => l.Trim().Length > 0).ToList();
        Assert.Matches(@"^file +kind +layout +outcome +read +loaded +duplicates +rejected +reason$", table[0]);
        return table.Skip(1).Select(l =>
        {
            var fields = l.Split(' ', 9, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            long N(int i) => long.Parse(fields[i], CultureInfo.InvariantCulture);
            return new Line(fields[0], fields[1], fields[2], fields[3], N(4), N(5), N(6), N(7), fields.Length > 8 ? fields[8] : "");
        }).ToList();
    }

    [Fact]
    public void Prints_one_line_per_file_with_counts_that_add_up()
    {
        var manifest = bed.Seed(badRows: 6);
        File.WriteAllText(Path.Combine(bed.Inbox, "notes.txt"), "not data");

        var run = bed.Ingest();

        Assert.True(run.Exit == 0, run.ToString());
        Assert.Empty(run.Error);
        var lines = Lines(run.Out);
        Assert.Equal(manifest.Files.Count + 1, lines.Count);
        foreach (var file in manifest.Files)
        {
            var line = Assert.Single(lines, l => l.File == file.Name);
            Assert.Equal(file.Kind, line.Kind);
            Assert.Equal("loaded", line.Outcome);
            Assert.Equal(file.Rows, line.Read);
            Assert.Equal(line.Read, line.Loaded + line.Duplicates + line.Rejected);
            Assert.Equal(manifest.BadRows.Count(b => b.File == file.Name), line.Rejected);
        }

        var skipped = Assert.Single(lines, l => l.File == "notes.txt");
        Assert.Equal(("-", "skipped"), (skipped.Kind, skipped.Outcome));
        Assert.Contains(".txt", skipped.Reason, StringComparison.Ordinal);

        var read = lines.Sum(l => l.Read);
        var rejected = lines.Sum(l => l.Rejected);
        Assert.Equal(6, rejected);
        Assert.Contains($"{lines.Count} files: {manifest.Files.Count} loaded, 0 rejected, 0 already loaded, 1 skipped", run.Out, StringComparison.Ordinal);
        Assert.Contains($"rows: {read} read = {lines.Sum(l => l.Loaded)} loaded + {lines.Sum(l => l.Duplicates)} duplicates + {rejected} rejected",
            run.Out, StringComparison.Ordinal);
        Assert.Contains("cskpi rejects", run.Out, StringComparison.Ordinal);

        // The ledger agrees with what was printed.
        var ledger = bed.Query<(string File, long Read, long Loaded, long Duplicates, long Rejected)>(
            "select file_name, read_rows, loaded_rows, duplicate_rows, rejected_rows from etl.file_ledger");
        Assert.Equal(
            lines.Where(l => l.Outcome == "loaded").Select(l => (l.File, l.Read, l.Loaded, l.Duplicates, l.Rejected)).OrderBy(l => l.File),
            ledger.OrderBy(l => l.File));
        Assert.Equal(manifest.RowsOf("chats") - manifest.BadRows.Count(b => b.Kind == "chats"), bed.Scalar<long>("select count(*) from raw.chat_message"));
    }

    [Fact]
    public void Says_how_many_business_days_it_touched_and_recomputes_the_marts()
    {
        bed.Seed(badRows: 0);

        var run = bed.Ingest();

        Assert.Equal(0, run.Exit);
        var (days, first, last, stores) = bed.Scalar<(long, string, string, long)>("""
            select count(distinct business_day), strftime(min(business_day), '%Y-%m-%d'), strftime(max(business_day), '%Y-%m-%d'), count(distinct store_id)
            from etl.touched_days
            """);
        Assert.True(days >= 5, $"{days} days touched");
        Assert.Contains($"business days touched: {days} ({first} to {last}, {stores} store{(stores == 1 ? "" : "s")})", run.Out, StringComparison.Ordinal);
        var storeDays = bed.Scalar<long>("select dirty_days from etl.recompute_run order by run_id desc limit 1");
        Assert.Contains($"marts recomputed (full): {storeDays} store-day{(storeDays == 1 ? "" : "s")}, every day of every store, in ",
            run.Out, StringComparison.Ordinal);
        Assert.Contains("every check passed", run.Out, StringComparison.Ordinal);
        Assert.True(bed.Scalar<long>("select count(*) from marts.kpi_agent_daily") > 0);
    }

    [Fact]
    public void Json_is_an_array_with_the_same_numbers_as_the_table()
    {
        var manifest = bed.Seed(badRows: 6);
        using var twin = new CliTestBed(fromTemplate: true);
        twin.Seed(badRows: 6);

        var json = bed.Ingest("--json");
        var text = twin.Ingest();

        Assert.True(json.Exit == 0, json.ToString());
        using var document = JsonDocument.Parse(json.Out);
        var files = document.RootElement.EnumerateArray().ToList();
        Assert.Equal(manifest.Files.Count, files.Count);
        var lines = Lines(text.Out);
        foreach (var file in files)
        {
            long N(string name) => file.GetProperty(name).GetInt64();
            var name = file.GetProperty("file").GetString()!;
            var line = Assert.Single(lines, l => l.File == name);
            Assert.Equal(line.Kind, file.GetProperty("kind").GetString());
            Assert.Equal(line.Layout, file.GetProperty("layout").GetString());
            Assert.Equal(line.Outcome, file.GetProperty("outcome").GetString());
            Assert.Equal((line.Read, line.Loaded, line.Duplicates, line.Rejected), (N("read"), N("loaded"), N("duplicates"), N("rejected")));
            Assert.Equal(N("read"), N("loaded") + N("duplicates") + N("rejected"));
            Assert.Equal(manifest.Files.Single(f => f.Name == name).Rows, N("read"));
            Assert.Equal(JsonValueKind.Array, file.GetProperty("extraColumns").ValueKind);
        }

        var chats = files.Single(f => f.GetProperty("kind").GetString() == "chats");
        Assert.Equal(5, chats.GetProperty("touchedDays").GetInt32());
    }

    [Fact]
    public void A_second_ingest_says_in_one_line_how_many_files_were_already_loaded()
    {
        var manifest = bed.Seed(badRows: 6);
        Assert.Equal(0, bed.Ingest().Exit);
        var messages = bed.Scalar<long>("select count(*) from raw.chat_message");

        var again = bed.Ingest();

        Assert.True(again.Exit == 0, again.ToString());
        // No table line per file loaded before: one line with their count.
        Assert.All(manifest.Files, f => Assert.DoesNotContain(f.Name, again.Out, StringComparison.Ordinal));
        Assert.DoesNotContain("already_loaded", again.Out, StringComparison.Ordinal);
        Assert.Single(again.Out.Split('\n'), l => l.Contains("already loaded by an earlier run", StringComparison.Ordinal));
        Assert.Contains($"{manifest.Files.Count} files already loaded by an earlier run (same content); nothing was read from them", again.Out,
            StringComparison.Ordinal);
        Assert.Contains($"0 loaded, 0 rejected, {manifest.Files.Count} already loaded", again.Out, StringComparison.Ordinal);
        Assert.Contains("business days touched: none", again.Out, StringComparison.Ordinal);
        Assert.Equal(messages, bed.Scalar<long>("select count(*) from raw.chat_message"));
        Assert.Equal(manifest.Files.Count, bed.Scalar<long>("select count(*) from etl.file_ledger"));
    }

    [Fact]
    public void A_new_file_beside_loaded_ones_is_the_only_table_line()
    {
        var manifest = bed.Seed(badRows: 0);
        Assert.Equal(0, bed.Ingest().Exit);
        File.WriteAllText(Path.Combine(bed.Inbox, "notes.txt"), "not data");

        var again = bed.Ingest();

        var line = Assert.Single(Lines(again.Out));
        Assert.Equal(("notes.txt", "skipped"), (line.File, line.Outcome));
        Assert.Contains($"{manifest.Files.Count} files already loaded by an earlier run", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_incremental_recompute_says_its_store_days_are_those_the_load_touched_and_the_days_they_reach()
    {
        // Seven days, of which the first load has the chats of five; the second load is the whole chats file:
        // a small load (two days) after a full one.
        var full = Path.Combine(bed.Root, "full");
        SeedRun.Run(new SeedOptions { OutputDirectory = full, Agents = 6, Days = 7 });
        foreach (var file in Directory.GetFiles(full).Where(f => !Path.GetFileName(f).StartsWith('.')))
        {
            var name = Path.GetFileName(file);
            var lines = File.ReadAllLines(file);
            File.WriteAllLines(Path.Combine(bed.Inbox, name),
                name.StartsWith("chats_", StringComparison.Ordinal)
                    ? lines.Where((l, i) => i == 0 || string.CompareOrdinal(l.Split(',')[5], "2026-01-06") < 0)
                    : lines);
        }

        Assert.Equal(0, bed.Ingest().Exit);
        var more = Path.Combine(bed.Root, "more");
        Directory.CreateDirectory(more);
        File.Copy(Path.Combine(full, "chats_2026-01.csv"), Path.Combine(more, "chats_2026-01.csv"));

        var run = bed.Run("ingest", "--inbox", more, "--warehouse", bed.Warehouse);

        Assert.True(run.Exit == 0, run.ToString());
        var touched = bed.Scalar<long>("""
            select count(*) from (select distinct store_id, business_day from etl.touched_days
            where file_id > (select through_file_id from etl.recompute_run where run_id = 1))
            """);
        var rebuilt = bed.Scalar<long>("select dirty_days from etl.recompute_run order by run_id desc limit 1");
        Assert.True(rebuilt >= touched && touched > 0, $"{rebuilt} rebuilt, {touched} touched\n{run}");
        Assert.Contains($"marts recomputed (incremental): {rebuilt} store-day{(rebuilt == 1 ? "" : "s")}: the {touched} store-day"
            + $"{(touched == 1 ? "" : "s")} this load touched and the days its rules reach from them", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_platform_export_without_a_store_column_takes_the_store_option_and_the_table_names_its_layout()
    {
        File.WriteAllText(Path.Combine(bed.Inbox, "订单导出.csv"), """
            订单号,商品ID,商品名称,订购数量,下单时间,应付金额,订单状态,下单帐号,付款确认时间
            290000000001,100011,保温杯,1,2026-03-08 09:00:00,300.00,完成,jd_buyer1,2026-03-08 09:01:00
            290000000001,100012,保温杯,2,2026-03-08 09:00:00,300.00,完成,jd_buyer1,2026-03-08 09:01:00
            """);

        var run = bed.Ingest("--store", "京东旗舰店");

        Assert.True(run.Exit == 0, run.ToString());
        var line = Assert.Single(Lines(run.Out));
        Assert.Equal(("orders", "jd-orders", "loaded", 1L), (line.Kind, line.Layout, line.Outcome, line.Loaded));
        Assert.Contains("store 京东旗舰店 (--store 京东旗舰店)", line.Reason, StringComparison.Ordinal);
        Assert.Contains("2 rows, one per SKU, are 1 orders", line.Reason, StringComparison.Ordinal);
        Assert.Equal(("京东旗舰店", 3), bed.Query<(string, int)>("select store_id, items from raw.order_state").Single());
    }

    [Fact]
    public void A_file_rejected_whole_is_reported_with_its_reason_and_the_rest_loads()
    {
        bed.Seed(badRows: 0);
        File.WriteAllBytes(Path.Combine(bed.Inbox, "chats_empty.csv"), []);

        var run = bed.Ingest();

        Assert.True(run.Exit == 0, run.ToString());
        var line = Assert.Single(Lines(run.Out), l => l.File == "chats_empty.csv");
        Assert.Equal(("chats", "rejected"), (line.Kind, line.Outcome));
        Assert.Contains("empty", line.Reason, StringComparison.Ordinal);
        Assert.Contains(", 1 rejected,", run.Out, StringComparison.Ordinal);
        Assert.True(bed.Scalar<long>("select count(*) from raw.chat_message") > 0);
    }

    [Fact]
    public void An_empty_inbox_says_so()
    {
        var run = bed.Ingest();

        Assert.Equal(0, run.Exit);
        Assert.Contains("holds no files", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_inbox_fails_clearly_and_creates_no_warehouse()
    {
        // Its own bed without the template's copy: no warehouse file may appear.
        using var fresh = new CliTestBed();
        var missing = Path.Combine(fresh.Root, "no-such-inbox");

        var run = fresh.Run("ingest", "--inbox", missing, "--warehouse", fresh.Warehouse);

        Assert.Equal(1, run.Exit);
        Assert.Contains($"the inbox {missing} does not exist", run.Error, StringComparison.Ordinal);
        Assert.Contains("--inbox DIR", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
        Assert.False(File.Exists(fresh.Warehouse));
    }

}

/// <summary>Tests that change the process's working folder run alone, so no other test sees it changed.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WorkingFolderCollection
{
    public const string Name = "changes the working folder";
}

[Collection(WorkingFolderCollection.Name)]
public sealed class WorkingFolderTests : IDisposable
{
    private readonly CliTestBed bed = new();

    public void Dispose() => bed.Dispose();

    [Fact]
    public void The_inbox_defaults_to_data_inbox_under_the_current_folder()
    {
        var inbox = Path.Combine(bed.Root, "data", "inbox");
        Directory.CreateDirectory(inbox);
        File.WriteAllText(Path.Combine(inbox, "courses.csv"), "课程编号,课程名称,类别\nP01,产品基础知识,product\n");
        var before = Environment.CurrentDirectory;
        CliResult run;
        try
        {
            Environment.CurrentDirectory = bed.Root;
            run = bed.Run("ingest", "--warehouse", bed.Warehouse);
        }
        finally
        {
            Environment.CurrentDirectory = before;
        }

        Assert.True(run.Exit == 0, run.ToString());
        // The contract's Chinese aliases are what HR writes: the HR course layout, a superset of them, is recognised.
        Assert.Matches(@"\ncourses\.csv +courses +hr-courses +loaded +1 +1 +0 +0", run.Out);
    }
}

public sealed class IngestLockTests : IDisposable
{
    private readonly CliTestBed bed = new();

    public void Dispose() => bed.Dispose();

    [Fact]
    public async Task A_warehouse_held_by_another_process_fails_at_once_with_who_holds_it()
    {
        bed.Seed(badRows: 0);
        using var site = WarehouseDatabase.Open(new WarehouseOptions(bed.Warehouse));
        using var cskpi = Process.Start(CskpiProcess.StartInfo("ingest", "--inbox", bed.Inbox, "--warehouse", bed.Warehouse))!;
        var error = cskpi.StandardError.ReadToEndAsync();
        var output = cskpi.StandardOutput.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await cskpi.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            cskpi.Kill(entireProcessTree: true);
            Assert.Fail("cskpi ingest hung on a held warehouse");
        }

        Assert.Equal(1, cskpi.ExitCode);
        Assert.Contains($"(PID {Environment.ProcessId}", await error, StringComparison.Ordinal);
        Assert.Contains("is in use by", await error, StringComparison.Ordinal);
        Assert.Empty(await output);
    }
}
