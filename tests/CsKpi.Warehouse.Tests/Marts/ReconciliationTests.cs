using System.Text;
using CsKpi.Warehouse.Reconciliation;
using Dapper;

namespace CsKpi.Warehouse.Tests.Marts;

/// <summary>
/// marts.report_reconciliation worked by hand: a 赤兔 workload report (daily rows and a whole-month row) of a store
/// whose chats CsKpi also has, against CsKpi's own numbers, with the tolerances of marts.report_tolerance.
/// </summary>
public sealed class ReconciliationTests : IDisposable
{
    private readonly MartBed bed = new();

    public ReconciliationTests()
    {
        // Store S, 2026-03-02 (chats):
        // A1: b1 answered in 10 s, b2 in 40 s, b3 never → consult 3, received 3, replied 2 (reply_rate 2/3), buyer
        //     messages 3, agent messages 2 (qa_ratio 2/3), first response (10 + 40) / 2 = 25, mean response 25.
        // A2: b5 answered in 20 s → received 1, replied 1.  A3: no chats (0 received, not unknown: S has chats that day).
        bed.Agents(
            "A1,张三,S,一组,presale,2026-01-01,,L1,0.9,6000,2026-03-01",
            "A2,李四,S,二组,presale,2026-01-01,,L1,0.9,6000,2026-03-01",
            "A3,王五,S,二组,presale,2026-01-01,,L1,0.9,6000,2026-03-01");
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-02 10:00:00,在吗",
            "m2,S,b1,A1,agent,2026-03-02 10:00:10,在",
            "m3,S,b2,A1,buyer,2026-03-02 10:00:00,在吗",
            "m4,S,b2,A1,agent,2026-03-02 10:00:40,在",
            "m5,S,b3,A1,buyer,2026-03-02 10:05:00,在吗",
            "m6,S,b5,A2,buyer,2026-03-02 10:00:00,在吗",
            "m7,S,b5,A2,agent,2026-03-02 10:00:20,在");
        Report("S", "客服工作量 2026-03-02 ~ 2026-03-03.csv", """
            日期,客服,咨询人数,接待人数,直接接待人数,转入人数,总消息,答问比,旺旺回复率,首次响应(秒),平均响应(秒)
            2026-03-02,A1,3,3,3,0,5,0.67,70%,27,30
            2026-03-02,A2,1,2,2,0,2,1,--,20,20
            2026-03-02,A3,2,2,2,0,4,1,100%,15,15
            2026-03-03,A1,9,9,9,0,20,1,100%,10,10
            """);
        Report("S", "客服工作量 2026-03-01 ~ 2026-03-31.csv", """
            客服,咨询人数,接待人数,直接接待人数,转入人数,总消息,答问比
            A1,3,4,4,0,5,0.67
            """);
        // Attendance comes only from reports: CsKpi has nothing of its own to set against it.
        bed.Write("agent_report", "store_id,agent_nick,team,report_day,attendance_days,online_seconds", "S,A1,一组,2026-03-02,1,28800");
        // A store with reports only: nothing to reconcile.
        Report("T", "客服工作量 2026-03-02.csv", """
            客服,咨询人数,接待人数,直接接待人数,转入人数,总消息,答问比
            小美,5,5,5,0,10,1
            """);
        bed.Ingest();
    }

    public void Dispose() => bed.Dispose();

    private void Report(string store, string name, string text)
    {
        Directory.CreateDirectory(Path.Combine(bed.Inbox, store));
        File.WriteAllText(Path.Combine(bed.Inbox, store, name), text.ReplaceLineEndings("\n") + "\n", new UTF8Encoding(false));
    }

    private IReadOnlyDictionary<string, object?> Row(string agent, string from, string to, string metric) => bed.Single(
        """
        select * from marts.report_reconciliation(date '2026-03-01', date '2026-03-31')
        where agent_id = $agent and period_from = cast($from as date) and period_to = cast($to as date) and metric = $metric
        """, new { agent, from, to, metric });

    [Fact]
    public void A_daily_row_is_compared_metric_by_metric_with_ratios_of_CsKpi_s_sums()
    {
        var received = Row("A1", "2026-03-02", "2026-03-02", "received_buyers");
        Assert.Equal(3, MartBed.Number(received, "report_value"));
        Assert.Equal(3, MartBed.Number(received, "cskpi_value"));
        Assert.Equal(0, MartBed.Number(received, "difference"));
        Assert.Equal(true, received["within_tolerance"]);
        Assert.Equal(("S", "一组", "张三", "count"), ((string)received["store_id"]!, (string)received["team"]!, (string)received["agent_name"]!, (string)received["format"]!));
        Assert.Equal((1L, 1L), (Convert.ToInt64(received["days"]), Convert.ToInt64(received["chat_days"])));

        // 0.67 against 2/3: −0.00333, within max(2 % × 0.67, 0.01).
        var qa = Row("A1", "2026-03-02", "2026-03-02", "qa_ratio");
        Assert.Equal(2.0 / 3.0 - 0.67, MartBed.Number(qa, "difference")!.Value, 9);
        Assert.Equal(true, qa["within_tolerance"]);

        // 70 % against 2/3: −3.33 points, outside ±2 points; a rate has no relative difference.
        var reply = Row("A1", "2026-03-02", "2026-03-02", "reply_rate");
        Assert.Equal(0.70, MartBed.Number(reply, "report_value")!.Value, 9);
        Assert.Equal(2.0 / 3.0, MartBed.Number(reply, "cskpi_value")!.Value, 9);
        Assert.Equal(2.0 / 3.0 - 0.70, MartBed.Number(reply, "difference")!.Value, 9);
        Assert.Null(reply["relative_difference"]);
        Assert.Equal(false, reply["within_tolerance"]);

        // 27 s against 25: −2 s = −7.4 %, within ±10 %; 30 s against 25: −16.7 %, outside.
        var first = Row("A1", "2026-03-02", "2026-03-02", "first_response_seconds");
        Assert.Equal(-2, MartBed.Number(first, "difference")!.Value, 9);
        Assert.Equal(-2.0 / 27.0, MartBed.Number(first, "relative_difference")!.Value, 9);
        Assert.Equal(true, first["within_tolerance"]);
        var mean = Row("A1", "2026-03-02", "2026-03-02", "avg_response_seconds");
        Assert.Equal(-5.0 / 30.0, MartBed.Number(mean, "relative_difference")!.Value, 9);
        Assert.Equal(false, mean["within_tolerance"]);
    }

    [Fact]
    public void Counts_agree_within_one_an_agent_without_chats_has_zero_and_an_empty_side_is_not_judged()
    {
        // 2 against 1: one buyer, within ±1 (2 % of 2 is less).
        var a2 = Row("A2", "2026-03-02", "2026-03-02", "received_buyers");
        Assert.Equal((2.0, 1.0, -1.0), (MartBed.Number(a2, "report_value")!.Value, MartBed.Number(a2, "cskpi_value")!.Value, MartBed.Number(a2, "difference")!.Value));
        Assert.Equal(true, a2["within_tolerance"]);
        // The report wrote --: nothing to judge, never a 0 that disagrees.
        var emptyRate = Row("A2", "2026-03-02", "2026-03-02", "reply_rate");
        Assert.Null(emptyRate["report_value"]);
        Assert.Null(emptyRate["within_tolerance"]);

        // A3 had no chats on a day S has chats: CsKpi says 0 received, the report 2 → outside; its ratios are empty.
        var a3 = Row("A3", "2026-03-02", "2026-03-02", "received_buyers");
        Assert.Equal(0, MartBed.Number(a3, "cskpi_value"));
        Assert.Equal(false, a3["within_tolerance"]);
        var a3Qa = Row("A3", "2026-03-02", "2026-03-02", "qa_ratio");
        Assert.Null(a3Qa["cskpi_value"]);
        Assert.Null(a3Qa["within_tolerance"]);
    }

    [Fact]
    public void A_month_row_is_compared_over_the_month_and_days_and_stores_without_chats_are_not_listed()
    {
        var month = Row("A1", "2026-03-01", "2026-03-31", "received_buyers");
        Assert.Equal((4.0, 3.0), (MartBed.Number(month, "report_value")!.Value, MartBed.Number(month, "cskpi_value")!.Value));
        Assert.Equal((31L, 1L), (Convert.ToInt64(month["days"]), Convert.ToInt64(month["chat_days"])));
        Assert.Equal(true, month["within_tolerance"]);

        // 03-03 has no chats in S; T has no chats at all; 直接接待人数, 转入人数 and 总消息 are no metric of CsKpi's;
        // attendance is on A1's chat day, but from the report itself.
        Assert.Equal(28800, MartBed.Number(bed.Agent("A1", "2026-03-02"), "online_seconds"));
        Assert.Equal(0L, bed.Scalar<long>("select count(*) from marts.report_reconciliation(date '2026-03-01', date '2026-03-31') where period_from = date '2026-03-03' or store_id = 'T'"));
        Assert.Equal(
            ["avg_response_seconds", "consult_buyers", "first_response_seconds", "qa_ratio", "received_buyers", "reply_rate"],
            bed.Rows("select distinct metric from marts.report_reconciliation(date '2026-03-01', date '2026-03-31') order by 1").Select(r => (string)r["metric"]!));
        // A day's range leaves the month's row out.
        Assert.Equal(0L, bed.Scalar<long>("select count(*) from marts.report_reconciliation(date '2026-03-02', date '2026-03-02') where period_to > period_from"));
        Assert.Equal(18L, bed.Scalar<long>("select count(*) from marts.report_reconciliation(date '2026-03-02', date '2026-03-02')"));
    }

    [Fact]
    public void Totals_count_per_metric_the_rows_compared_and_those_that_agree_and_the_filter_narrows_the_rows()
    {
        using var connection = bed.Warehouse.OpenConnection();
        var day = new ReconciliationFilter("S", new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 2));
        var totals = ReportReconciliation.Totals(connection, day).ToDictionary(t => t.Metric);
        // In registry order; received: A1 and A2 agree, A3 (0 against 2) does not.
        Assert.Equal(["consult_buyers", "received_buyers", "reply_rate", "qa_ratio", "first_response_seconds", "avg_response_seconds"],
            ReportReconciliation.Totals(connection, day).Select(t => t.Metric));
        Assert.Equal((3L, 3L, 2L, 1L), (totals["received_buyers"].Rows, totals["received_buyers"].Compared, totals["received_buyers"].Agree, totals["received_buyers"].Outside));
        // reply_rate: A2's report is empty and A3 has no CsKpi rate (no receptions), so only A1's 70 % is compared.
        Assert.Equal((3L, 1L, 0L, 1L), (totals["reply_rate"].Rows, totals["reply_rate"].Compared, totals["reply_rate"].Agree, totals["reply_rate"].Outside));

        var outside = ReportReconciliation.Rows(connection, day with { OnlyOutside = true });
        Assert.Equal(
            [("A1", "reply_rate"), ("A1", "avg_response_seconds"), ("A3", "consult_buyers"), ("A3", "received_buyers")],
            outside.Select(r => (r.AgentId, r.Metric)));
        Assert.Single(ReportReconciliation.Rows(connection, day with { Team = "一组", Metric = "received_buyers" }));
        Assert.Equal(["A1"], ReportReconciliation.Rows(connection, day with { Agent = "A1" }).Select(r => r.AgentId).Distinct());
    }

    [Fact]
    public void The_tolerances_are_defined_once_per_format()
    {
        var tolerances = bed.Rows("select format, relative, absolute from marts.report_tolerance() order by format")
            .ToDictionary(r => (string)r["format"]!, r => (MartBed.Number(r, "relative"), MartBed.Number(r, "absolute")));
        Assert.Equal((0.02, 1.0), tolerances["count"]);
        Assert.Equal((0.02, 1.0), tolerances["money"]);
        Assert.Equal((null, 0.02), tolerances["percent"]);
        Assert.Equal((0.10, 1.0), tolerances["seconds"]);
        // Every format of the registry has its tolerance.
        Assert.Equal(0L, bed.Scalar<long>("select count(*) from core.metric where format not in (select format from marts.report_tolerance())"));
    }
}
