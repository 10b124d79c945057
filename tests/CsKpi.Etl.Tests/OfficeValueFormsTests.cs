using CsKpi.Etl.Tests.Support;

namespace CsKpi.Etl.Tests;

/// <summary>
/// Values as offices and shop back-ends write them (issue 14), one form per test, in CSV as the exports come.
/// They are cleaned once for every kind (etl.clean_value), so each test also checks a kind other than orders.
/// </summary>
public sealed class OfficeValueFormsTests
{
    private const string OrderHeader = "order_id,store_id,buyer_id,created_at,paid_at,amount,refund_amount";

    [Fact]
    public void An_excel_protected_order_number_loads_as_the_number_and_is_the_same_order_in_a_later_plain_export()
    {
        using var bed = new EtlTestBed();
        // As Taobao writes it: every field quoted, the order number as the formula ="…" so Excel keeps all its digits.
        const string q = "\"";
        bed.Write("orders_1.csv", string.Join("\r\n",
            "\"订单编号\",\"店铺\",\"买家会员名\",\"订单创建时间\",\"订单付款时间\",\"买家实际支付金额\"",
            $"{q}={q}{q}35153131473293579{q}{q}{q},\"朵朵云\",\"tb_小明\",\"2026-03-08 10:00:00\",\"2026-03-08 10:01:00\",\"99.00\"",
            $"{q}={q}{q}{q}{q}{q},\"朵朵云\",\"tb_阿花\",\"2026-03-08 11:00:00\",\"\",\"10.00\"") + "\r\n", EtlTestBed.Gbk);
        bed.Write("orders_2.csv", """
            订单编号,店铺,买家会员名,订单创建时间,订单付款时间,买家实际支付金额,退款金额,更新时间
            35153131473293579,朵朵云,tb_小明,2026-03-08 10:00:00,2026-03-08 10:01:00,99.00,99.00,2026-03-10 08:00:00
            """);

        bed.Ingest();

        Assert.Equal([("35153131473293579", 99.00m)], bed.Query<(string, decimal)>("select order_id, refund_amount from raw.order_current"));
        Assert.Equal(2, bed.Scalar<long>("select count(*) from raw.order_state where order_id = '35153131473293579'"));
        // ="" is an empty order number: rejected as one, not loaded as the text ="".
        Assert.Equal([(3L, "order_id")], bed.Rejects("orders_1.csv").Select(r => (r.Line, r.Column!)));
    }

    [Fact]
    public void A_leading_apostrophe_or_tab_before_an_id_is_dropped()
    {
        using var bed = new EtlTestBed();
        bed.Write("orders_ids.csv", $"""
            {OrderHeader}
            '35153131473293579,朵朵云,'13912345678,2026-03-08 10:00:00,,9.90,
            "{'\t'}35153131473293580",朵朵云,"{'\t'}tb_阿花",2026-03-08 10:00:00,,9.90,
            """);
        bed.Write("agents_ids.csv", """
            agent_id,name,store_id,hired_on,as_of
            '10086,小A,朵朵云,2025-06-01,2026-03-01
            """);

        bed.Ingest();

        Assert.Equal([("35153131473293579", "13912345678"), ("35153131473293580", "tb_阿花")],
            bed.Query<(string, string)>("select order_id, buyer_id from raw.order_state order by order_id"));
        Assert.Equal(["10086"], bed.Query<string>("select agent_id from raw.roster_snapshot"));
    }

    /// <summary>
    /// The stage cleans a file's values through one list it names cskpi_cleaned (InboxLoader.StagedColumns); a file with
    /// a column of that very name is cleaned a column at a time instead, and its values still are.
    /// </summary>
    [Fact]
    public void A_column_named_like_the_stage_s_cleaned_list_does_not_stop_the_cleaning()
    {
        using var bed = new EtlTestBed();
        bed.Write("orders_cleaned.csv", $"""
            {OrderHeader},cskpi_cleaned
            '35153131473293579,朵朵云,'13912345678,2026-03-08 10:00:00,,9.90,,x
            """);

        var report = bed.IngestOne("orders_cleaned.csv");

        Assert.Equal([("35153131473293579", "13912345678")], bed.Query<(string, string)>("select order_id, buyer_id from raw.order_state"));
        Assert.Contains("cskpi_cleaned", report.ExtraColumns!);
    }

    [Fact]
    public void Yuan_after_an_amount_yuan_in_a_header_and_full_width_signs_and_digits_are_money()
    {
        using var bed = new EtlTestBed();
        bed.Write("orders_yuan.csv", """
            订单编号,店铺,买家会员名,订单创建时间,买家实际支付金额(元) ,退款金额（元）,宝贝总数量
            T1,朵朵云,小明,2026-03-08 10:00:00,12.50元,0元,２
            T2,朵朵云,阿花,2026-03-08 10:00:00,￥１２３．５０,"1,000.00 元",１
            T3,朵朵云,小红,2026-03-08 10:00:00,"￥1,234.50",０,1
            """, EtlTestBed.Gbk);
        bed.Write("agents_cost.csv", """
            子账号,姓名,店铺,入职日期,月成本(元),日期
            朵朵云:小A,小A,朵朵云,2025-06-01,"6,500元",2026-03-01
            """);

        var reports = bed.Ingest();

        var orders = Assert.Single(reports, r => r.File == "orders_yuan.csv");
        Assert.Equal((3L, 2L, 1L), (orders.Read, orders.Loaded, orders.Rejected));
        Assert.Empty(orders.ExtraColumns ?? []);
        Assert.Equal([("T1", 12.50m, 0m, 2), ("T3", 1234.50m, 0m, 1)],
            bed.Query<(string, decimal, decimal, int)>("select order_id, amount, refund_amount, items from raw.order_state order by order_id"));
        // 1,000 yuan refunded on 123.50 paid is still refused: cleaning changes the spelling, never the rules.
        Assert.Equal(("refund_amount", "1,000.00"), bed.Rejects("orders_yuan.csv").Select(r => (r.Column, r.Value)).Single());
        Assert.Equal(6500m, bed.Scalar<decimal>("select monthly_cost from raw.roster_snapshot"));
    }

    [Fact]
    public void Dashes_and_a_lone_tab_are_empty_values()
    {
        using var bed = new EtlTestBed();
        // Douyin and Pinduoduo write - or -- for "none"; an empty date cell of a Pinduoduo export may hold a lone tab.
        bed.Write("orders_dashes.csv", $"""
            order_id,store_id,buyer_id,created_at,paid_at,amount,refund_amount,refunded_at,status
            T1,朵朵云,小明,2026-03-08 10:00:00,-,9.90,--,"{'\t'}",-
            T2,朵朵云,阿花,2026-03-08 10:00:00,—,9.90,-,--,交易成功
            """);
        bed.Write("agents_dashes.csv", """
            agent_id,name,store_id,team,hired_on,left_on,as_of
            朵朵云:小A,小A,朵朵云,--,2025-06-01,-,2026-03-01
            """);

        var reports = bed.Ingest();

        Assert.All(reports, r => Assert.Equal(0, r.Rejected));
        Assert.Equal([("T1", null, 0m, null, null), ("T2", null, 0m, null, "completed")],
            bed.Query<(string, DateTime?, decimal, DateTime?, string?)>("select order_id, paid_at, refund_amount, refunded_at, status from raw.order_state order by order_id"));
        Assert.Equal(("默认组", (DateTime?)null), bed.Query<(string, DateTime?)>("select team, left_on from raw.roster_snapshot").Single());
    }

    [Fact]
    public void Times_without_seconds_dates_alone_chinese_dates_and_midnight_dates_are_read()
    {
        using var bed = new EtlTestBed();
        // Excel re-saves times as yyyy/M/d H:mm, and a column formatted as a date as yyyy/M/d.
        bed.Write("orders_times.csv", $"""
            {OrderHeader}
            T1,朵朵云,小明,2026/3/8 9:05,2026/3/8 9:06,9.90,
            T2,朵朵云,阿花,2026/3/8,2026-03-09,9.90,
            """);
        bed.Write("agents_dates.csv", """
            agent_id,name,store_id,hired_on,left_on,as_of
            朵朵云:小A,小A,朵朵云,2025年6月1日,,2026/3/1
            朵朵云:小B,小B,朵朵云,2025-07-15 00:00:00,2026-02-28 00:00:00,2026-03-01
            朵朵云:小C,小C,朵朵云,2025-07-15 09:30:00,,2026-03-01
            """);

        bed.Ingest();

        Assert.Equal([("T1", "2026-03-08 09:05:00", "2026-03-08 09:06:00"), ("T2", "2026-03-08 00:00:00", "2026-03-09 00:00:00")],
            bed.Query<(string, string, string)>("select order_id, cast(created_at as varchar), cast(paid_at as varchar) from raw.order_state order by order_id"));
        Assert.Equal([("朵朵云:小A", "2025-06-01", null), ("朵朵云:小B", "2025-07-15", "2026-02-28")],
            bed.Query<(string, string, string?)>("select agent_id, cast(hired_on as varchar), cast(left_on as varchar) from raw.roster_snapshot order by agent_id"));
        // A time of day in a date column is not silently cut to its date.
        Assert.Equal(("hired_on", "2025-07-15 09:30:00"), bed.Rejects("agents_dates.csv").Select(r => (r.Column, r.Value)).Single());
    }

    [Fact]
    public void Totals_rows_inside_the_data_are_rejected_as_summary_rows_and_every_row_is_accounted_for()
    {
        using var bed = new EtlTestBed();
        bed.Write("orders_totals.csv", $"""
            {OrderHeader}
            T1,朵朵云,小明,2026-03-08 10:00:00,,9.90,
            小计,,,,,9.90,
            T2,朵朵云,阿花,2026-03-08 11:00:00,,20.00,
            合计：2单,,,,,29.90,
            均值,,,,,14.95,
            """);
        bed.Write("ratings_totals.csv", """
            店铺,买家,客服账号,评价时间,评价
            朵朵云,小明,朵朵云:小A,2026-03-08 10:00:00,很满意
            汇总,,,,
            """);

        var reports = bed.Ingest();

        var orders = Assert.Single(reports, r => r.File == "orders_totals.csv");
        Assert.Equal((5L, 2L, 0L, 3L), (orders.Read, orders.Loaded, orders.Duplicates, orders.Rejected));
        Assert.Equal([(3L, "小计"), (5L, "合计：2单"), (6L, "均值")], bed.Rejects("orders_totals.csv").Select(r => (r.Line, r.Value!)));
        Assert.All(bed.Rejects("orders_totals.csv"), r => Assert.StartsWith($"a summary row ({r.Value}), not a record", r.Reason, StringComparison.Ordinal));
        Assert.Equal((2L, 1L, 1L), (Assert.Single(reports, r => r.File == "ratings_totals.csv") is var ratings ? (ratings.Read, ratings.Loaded, ratings.Rejected) : default));
    }
}
