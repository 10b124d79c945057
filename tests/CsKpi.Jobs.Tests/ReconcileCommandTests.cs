using System.Text;
using System.Text.Json;
using CsKpi.Jobs.Tests.Support;

namespace CsKpi.Jobs.Tests;

/// <summary>
/// A warehouse that ingested (with <c>cskpi ingest</c>) one day of chats of store S and a 赤兔 workload report of the
/// same day, shared by <see cref="ReconcileCommandTests"/>: <c>cskpi reconcile</c> only reads it.
/// </summary>
public sealed class ReconciledInbox : IDisposable
{
    public ReconciledInbox()
    {
        // A1 answers b1 in 10 s and b2 in 40 s, never b3: received 3, reply rate 2/3, first response 25 s.
        Write("agents_001.csv", """
            agent_id,name,store_id,team,role,hired_on,left_on,level,coefficient,monthly_cost,as_of
            A1,张三,S,一组,presale,2026-01-01,,L1,0.9,6000,2026-03-01
            """);
        Write("chats_001.csv", """
            message_id,store_id,buyer_id,agent_id,sender,sent_at,content
            m1,S,b1,A1,buyer,2026-03-02 10:00:00,在吗
            m2,S,b1,A1,agent,2026-03-02 10:00:10,在
            m3,S,b2,A1,buyer,2026-03-02 10:00:00,在吗
            m4,S,b2,A1,agent,2026-03-02 10:00:40,在
            m5,S,b3,A1,buyer,2026-03-02 10:05:00,在吗
            """);
        // The report: received 3 (agrees), 旺旺回复率 70 % (−3.3 points: outside), 首次响应 27 s (−7.4 %: within),
        // 平均响应 25.004 s against 25 (a difference that rounds to 0).
        Write("S/客服工作量 2026-03-02.csv", """
            客服,咨询人数,接待人数,直接接待人数,转入人数,总消息,答问比,旺旺回复率,首次响应(秒),平均响应(秒)
            A1,3,3,3,0,5,0.67,70%,27,25.004
            """);
        var ingest = Bed.Ingest();
        Assert.True(ingest.Exit == 0, ingest.ToString());
    }

    public CliTestBed Bed { get; } = new(fromTemplate: true);

    private void Write(string name, string text)
    {
        var path = Path.Combine(Bed.Inbox, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ReplaceLineEndings("\n") + "\n", new UTF8Encoding(false));
    }

    public void Dispose() => Bed.Dispose();
}

/// <summary><c>cskpi reconcile</c>: the report against CsKpi per agent-day and metric, the totals, --json, --outside.</summary>
public sealed class ReconcileCommandTests(ReconciledInbox inbox) : IClassFixture<ReconciledInbox>
{
    private readonly CliTestBed bed = inbox.Bed;

    private CliResult Reconcile(params string[] more) =>
        bed.Run(["reconcile", "--warehouse", bed.Warehouse, "--store", "S", "--from", "2026-03-01", "--to", "2026-03-31", .. more]);

    [Fact]
    public void Prints_each_metric_of_the_agent_day_with_both_values_the_difference_and_whether_it_agrees_then_the_totals()
    {
        var run = Reconcile();

        Assert.True(run.Exit == 0, run.ToString());
        Assert.Empty(run.Error);
        var lines = run.Out.Split('\n');
        Assert.Matches("^agent +period +metric +report +cskpi +difference +agrees$", lines[0]);
        Assert.Matches(@"^张三 \(A1\) +2026-03-02 +received_buyers +3 +3 +0 +yes$", Assert.Single(lines, l => l.Contains("received_buyers", StringComparison.Ordinal) && l.Contains("2026-03-02", StringComparison.Ordinal)));
        Assert.Matches(@"reply_rate +70\.0% +66\.7% +-3\.3 pt +NO$", Assert.Single(lines, l => l.Contains("reply_rate", StringComparison.Ordinal) && l.Contains("2026-03-02", StringComparison.Ordinal)));
        Assert.Matches(@"qa_ratio +0\.67 +0\.667 +-0\.003 \(-0\.5%\) +yes$", Assert.Single(lines, l => l.Contains("qa_ratio", StringComparison.Ordinal) && l.Contains("2026-03-02", StringComparison.Ordinal)));
        Assert.Matches(@"avg_response_seconds +25 +25 +0 \(0%\) +yes$", Assert.Single(lines, l => l.Contains("avg_response_seconds", StringComparison.Ordinal) && l.Contains("2026-03-02", StringComparison.Ordinal)));
        Assert.Matches(@"first_response_seconds +27 +25 +-2 \(-7\.4%\) +yes$", Assert.Single(lines, l => l.Contains("first_response_seconds", StringComparison.Ordinal) && l.Contains("2026-03-02", StringComparison.Ordinal)));
        // 直接接待人数, 转入人数 and 总消息 are not CsKpi metrics: not compared.
        Assert.DoesNotContain("总消息", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^metric +rows +compared +agree +outside +tolerance$", run.Out);
        Assert.Matches(@"(?m)^reply_rate +1 +1 +0 +1 +±2 pt$", run.Out);
        Assert.Matches(@"(?m)^received_buyers +1 +1 +1 +0 +±2% or ±1$", run.Out);
    }

    [Fact]
    public void Json_has_the_rows_totals_and_tolerances_and_outside_keeps_only_what_disagrees()
    {
        var run = Reconcile("--json", "--outside");

        Assert.True(run.Exit == 0, run.ToString());
        using var document = JsonDocument.Parse(run.Out);
        var rows = document.RootElement.GetProperty("rows").EnumerateArray().ToList();
        var row = Assert.Single(rows);
        Assert.Equal("reply_rate", row.GetProperty("metric").GetString());
        Assert.Equal(0.70, row.GetProperty("report").GetDouble(), 9);
        Assert.Equal(2.0 / 3.0, row.GetProperty("cskpi").GetDouble(), 9);
        Assert.False(row.GetProperty("withinTolerance").GetBoolean());
        Assert.Equal("2026-03-02", row.GetProperty("periodFrom").GetString());
        // The totals count every row, not only those listed.
        Assert.Equal(6, document.RootElement.GetProperty("totals").GetArrayLength());
        Assert.Contains(document.RootElement.GetProperty("tolerances").EnumerateArray(),
            t => t.GetProperty("format").GetString() == "seconds" && t.GetProperty("relative").GetDouble() == 0.10);
    }

    [Fact]
    public void A_range_without_report_rows_says_so_and_a_missing_warehouse_or_an_unknown_store_fails()
    {
        var empty = bed.Run("reconcile", "--warehouse", bed.Warehouse, "--store", "S", "--from", "2026-04-01", "--to", "2026-04-30");
        Assert.True(empty.Exit == 0, empty.ToString());
        Assert.StartsWith("Nothing to reconcile in store S from 2026-04-01 to 2026-04-30", empty.Out, StringComparison.Ordinal);

        var missing = bed.Run("reconcile", "--warehouse", Path.Combine(bed.Root, "none.duckdb"), "--store", "S", "--from", "2026-03-01", "--to", "2026-03-31");
        Assert.Equal(1, missing.Exit);
        Assert.StartsWith("cskpi reconcile: there is no warehouse at ", missing.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(bed.Root, "none.duckdb")));

        var unknown = bed.Run("reconcile", "--warehouse", bed.Warehouse, "--store", "X", "--from", "2026-03-01", "--to", "2026-03-31");
        Assert.Equal(1, unknown.Exit);
        Assert.Contains("the warehouse has no store 'X'; its stores: S", unknown.Error, StringComparison.Ordinal);
    }
}
