using System.Text;
using CsKpi.Etl.Layouts;
using CsKpi.Etl.Tests.Support;
using CsKpi.Warehouse;

namespace CsKpi.Etl.Tests;

/// <summary>
/// Issue 14: a store's real exports load as the platform writes them. One hand-made file per layout
/// (Fixtures/layouts, shaped by the headers docs/imports.md cites), written in the encoding the platform uses; each
/// test checks the store, kind, layout, order ids, amounts, paid times and statuses that reach raw.order_state.
/// </summary>
public sealed class LayoutTests
{
    private static readonly Encoding Gb18030;
    private static readonly Encoding Utf8WithBom = new UTF8Encoding(true);

    static LayoutTests()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Gb18030 = Encoding.GetEncoding(54936);
    }

    private sealed record Order(string OrderId, string StoreId, string? BuyerId, DateTime CreatedAt, DateTime? PaidAt, decimal Amount, int Items, string? Status, decimal RefundAmount);

    private static List<Order> Orders(EtlTestBed bed) => bed.Query<Order>("""
        select order_id as OrderId, store_id as StoreId, buyer_id as BuyerId, created_at as CreatedAt, paid_at as PaidAt,
               amount as Amount, items as Items, status as Status, refund_amount as RefundAmount
        from raw.order_current order by order_id
        """);

    private static string Platform(EtlTestBed bed, string store) =>
        bed.Scalar<string>("select platform from app.store where store_id = $store", new { store });

    private static FileLoadReport Loaded(IReadOnlyList<FileLoadReport> reports, string file, string layout, long rows)
    {
        var report = Assert.Single(reports, r => r.File == file);
        Assert.True(report.Outcome == FileOutcome.Loaded, $"{file}: {report.Outcome} {report.Reason}");
        Assert.Equal(("orders", layout), (report.Kind, report.Layout));
        Assert.Equal((rows, rows, 0L, 0L), (report.Read, report.Loaded, report.Duplicates, report.Rejected));
        return report;
    }

    private static DateTime At(string text) => DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_taobao_order_report_of_2017_in_gbk_is_recognised_by_its_header_and_takes_its_store_from_店铺名称()
    {
        using var bed = new EtlTestBed();
        bed.Drop("ExportOrderList202603091200.csv", "ExportOrderList202603091200.csv", Gb18030);

        Loaded(bed.Ingest(), "ExportOrderList202603091200.csv", "taobao-orders", 6);

        Assert.Equal(
        [
            new("3515313147329357901", "朵朵云旗舰店", "小明", At("2026-03-08 10:00:00"), At("2026-03-08 10:05:00"), 99.00m, 1, "completed", 0m),
            new("3515313147329357902", "朵朵云旗舰店", "阿花", At("2026-03-08 11:00:00"), null, 0m, 2, "created", 0m),
            // Re-saved with 买家实际支付金额 net of the refund: 150 + 50 = 200 = 总金额, so 200 was paid before the refund.
            new("3515313147329357903", "朵朵云旗舰店", "老王", At("2026-03-08 12:00:00"), At("2026-03-08 12:01:00"), 200.00m, 3, "completed", 50.00m),
            // 交易关闭 after a payment: the whole amount went back, so the order is refunded, not merely closed.
            new("3515313147329357904", "朵朵云旗舰店", "小李", At("2026-03-08 13:00:00"), At("2026-03-08 13:02:00"), 80.00m, 1, "refunded", 80.00m),
            // As downloaded: 买家实际支付金额 = 总金额 with a refund beside it is the amount before the refund.
            new("3515313147329357905", "朵朵云旗舰店", "大刘", At("2026-03-08 14:00:00"), At("2026-03-08 14:00:30"), 120.00m, 2, "shipped", 30.00m),
            new("3515313147329357906", "朵朵云旗舰店", "小周", At("2026-03-08 15:00:00"), At("2026-03-08 15:00:10"), 50.00m, 1, "paid", 0m),
        ], Orders(bed));
        Assert.Equal("taobao", Platform(bed, "朵朵云旗舰店"));
        Assert.Equal("taobao-orders", bed.Scalar<string>("select layout from etl.file_ledger where file_name = 'ExportOrderList202603091200.csv'"));
    }

    [Fact]
    public void A_taobao_report_renamed_orders_loads_with_the_taobao_layout_not_the_contract()
    {
        using var bed = new EtlTestBed();
        bed.Drop("ExportOrderList202603091200.csv", "orders_taobao_2026-03.csv", Gb18030);

        Loaded(bed.Ingest(), "orders_taobao_2026-03.csv", "taobao-orders", 6);

        Assert.Equal(6, bed.Scalar<long>("select count(*) from raw.order_state where store_id = '朵朵云旗舰店'"));
    }

    [Fact]
    public void A_later_taobao_report_with_支付单号_买家会员昵称_确认收货时间_主订单编号_loads()
    {
        using var bed = new EtlTestBed();
        bed.Drop("ExportOrderList202603101200.csv", "朵朵云旗舰店/ExportOrderList202603101200.csv", Utf8WithBom);

        var report = Loaded(bed.Ingest(), "朵朵云旗舰店/ExportOrderList202603101200.csv", "taobao-orders", 2);

        Assert.Equal(
        [
            new("4001", "朵朵云旗舰店", "tb123", At("2026-03-09 09:00:00"), At("2026-03-09 09:01:00"), 99.00m, 1, "completed", 0m),
            new("4002", "朵朵云旗舰店", "tb456", At("2026-03-09 10:00:00"), null, 30.00m, 1, "closed", 0m),
        ], Orders(bed));
        // The store columns are there but empty: the folder names the store, and the report says so.
        Assert.Contains("rows with an empty store are 朵朵云旗舰店's (folder 朵朵云旗舰店/)", report.Note, StringComparison.Ordinal);
        Assert.Contains("买家会员昵称", report.ExtraColumns!);
    }

    [Fact]
    public void The_distributor_variant_is_its_own_layout_and_its_store_comes_from_the_folder()
    {
        using var bed = new EtlTestBed();
        bed.Drop("ExportOrderList202603111200.csv", "朵朵云旗舰店/ExportOrderList202603111200.csv", Gb18030);

        Loaded(bed.Ingest(), "朵朵云旗舰店/ExportOrderList202603111200.csv", "taobao-distributor-orders", 1);

        var order = Assert.Single(Orders(bed));
        Assert.Equal(("5001", "朵朵云旗舰店", 66.00m, "completed"), (order.OrderId, order.StoreId, order.Amount, order.Status));
    }

    [Fact]
    public void A_privacy_stripped_report_loads_its_orders_into_the_store_totals_and_says_crediting_needs_买家会员名()
    {
        using var bed = new EtlTestBed();
        bed.Drop("ExportOrderList202603121200.csv", "ExportOrderList202603121200.csv", Gb18030);
        // A buyer who chatted that day: were the orders to carry a buyer, one could be credited.
        bed.Write("chats_2026-03-08.csv", """
            message_id,store_id,buyer_id,agent_id,sender,sent_at,content
            m1,朵朵云旗舰店,小明,朵朵云旗舰店:小A,buyer,2026-03-08 09:00:00,在吗
            m2,朵朵云旗舰店,小明,朵朵云旗舰店:小A,agent,2026-03-08 09:00:10,在的
            """);

        var report = Loaded(bed.Ingest(), "ExportOrderList202603121200.csv", "taobao-orders", 2);
        MartRecompute.Incremental(bed.Warehouse);

        Assert.Contains("crediting needs 买家会员名", report.Note, StringComparison.Ordinal);
        Assert.All(Orders(bed), o => Assert.Null(o.BuyerId));
        Assert.Equal((6L, 0L), bed.Query<(long, long)>("select count(*), count(agent_id) from core.fct_order_credit").Single());
        Assert.Equal((100.00m, 100.00m), bed.Query<(decimal, decimal)>(
            "select sum(total_paid_amount), sum(silent_amount) from marts.kpi_store_daily where store_id = '朵朵云旗舰店'").Single());
        Assert.Contains("crediting needs 买家会员名", bed.Scalar<string>("select note from etl.file_ledger where file_name = 'ExportOrderList202603121200.csv'"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_taobao_item_file_is_recognised_and_skipped_with_its_reason()
    {
        using var bed = new EtlTestBed();
        bed.Drop("ExportOrderDetailList202603091200.csv", "ExportOrderDetailList202603091200.csv", Gb18030);

        var report = Assert.Single(bed.Ingest());

        Assert.Equal((FileOutcome.Skipped, "taobao-order-items"), (report.Outcome, report.Layout));
        Assert.Contains("ExportOrderDetailList", report.Reason, StringComparison.Ordinal);
        Assert.Contains("not loaded", report.Reason, StringComparison.Ordinal);
        Assert.Equal(0L, bed.Scalar<long>("select count(*) from raw.order_state"));
        // The ledger keeps it, so the next scan does not transcode it again.
        var again = Assert.Single(bed.Ingest());
        Assert.Equal(FileOutcome.AlreadyLoaded, again.Outcome);
        Assert.StartsWith("the same content was skipped on", again.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_jd_export_in_the_store_folder_merges_its_sku_rows_into_orders_and_reads_deleted_statuses()
    {
        using var bed = new EtlTestBed();
        bed.Drop("jd-订单导出.csv", "京东旗舰店/jd-订单导出.csv", Gb18030);

        var report = Loaded(bed.Ingest(), "京东旗舰店/jd-订单导出.csv", "jd-orders", 3);

        Assert.Equal(
        [
            new("290000000001", "京东旗舰店", "jd_buyer1", At("2026-03-08 09:00:00"), At("2026-03-08 09:01:00"), 300.00m, 3, "completed", 0m),
            new("290000000002", "京东旗舰店", "jd_buyer2", At("2026-03-08 10:00:00"), null, 20.00m, 1, "closed", 0m),
            new("290000000003", "京东旗舰店", "jd_buyer3", At("2026-03-08 11:00:00"), At("2026-03-08 11:00:30"), 95.00m, 1, "paid", 0m),
        ], Orders(bed));
        Assert.Contains("4 rows, one per SKU, are 3 orders", report.Note, StringComparison.Ordinal);
        Assert.Equal("jd", Platform(bed, "京东旗舰店"));
        Assert.Equal("folder 京东旗舰店/", bed.Scalar<string>("select store_source from etl.file_ledger where file_name = '京东旗舰店/jd-订单导出.csv'"));
    }

    [Fact]
    public void A_jd_export_with_no_store_anywhere_is_rejected_whole_naming_the_three_ways_to_give_one()
    {
        using var bed = new EtlTestBed();
        bed.Drop("jd-订单导出.csv", "jd-订单导出.csv", Gb18030);

        var report = Assert.Single(bed.Ingest());

        Assert.Equal((FileOutcome.Rejected, "orders", "jd-orders"), (report.Outcome, report.Kind, report.Layout));
        Assert.Contains("no store column (店铺, 店铺名称, 店铺Id", report.Reason, StringComparison.Ordinal);
        Assert.Contains("inbox sub-folder named after the store", report.Reason, StringComparison.Ordinal);
        Assert.Contains("cskpi ingest --store NAME", report.Reason, StringComparison.Ordinal);
        Assert.Contains("upload form", report.Reason, StringComparison.Ordinal);
        Assert.Equal(0L, bed.Scalar<long>("select count(*) from raw.order_state"));
    }

    [Fact]
    public void A_store_first_seen_in_contract_files_takes_the_platform_of_its_export_but_never_over_an_admins_choice()
    {
        using var bed = new EtlTestBed();
        bed.Write("chats_x.csv", """
            message_id,store_id,buyer_id,agent_id,sender,sent_at,content
            m1,京东旗舰店,jd_buyer1,京东旗舰店:小A,buyer,2026-03-08 08:00:00,在吗
            """);
        bed.Ingest();
        var first = Platform(bed, "京东旗舰店");

        bed.Drop("jd-订单导出.csv", "京东旗舰店/jd-订单导出.csv", Gb18030);
        bed.Ingest();
        var fromLayout = Platform(bed, "京东旗舰店");

        bed.Query<int>("update app.store set platform = 'tmall', platform_set_by = 'admin' where store_id = '京东旗舰店'");
        bed.Drop("jd-订单导出.csv", "京东旗舰店/jd-订单导出-2.csv", Utf8WithBom);
        bed.Ingest();

        Assert.Equal(("other", "jd", "tmall"), (first, fromLayout, Platform(bed, "京东旗舰店")));
    }

    [Fact]
    public void A_pinduoduo_export_takes_the_store_given_to_the_ingest_and_refunds_退款成功_orders_whole()
    {
        using var bed = new EtlTestBed(store: "拼多多店");
        bed.Drop("pdd-orders_export.csv", "pdd-orders_export.csv", Utf8WithBom);

        var report = Loaded(bed.Ingest(), "pdd-orders_export.csv", "pdd-orders", 3);

        Assert.Equal(
        [
            new("260308-123456789012345", "拼多多店", null, At("2026-03-08 09:30:00"), At("2026-03-08 09:30:00"), 35.90m, 1, "paid", 0m),
            new("260308-123456789012346", "拼多多店", null, At("2026-03-08 10:30:00"), At("2026-03-08 10:30:00"), 18.00m, 2, "refunded", 18.00m),
            new("260308-123456789012347", "拼多多店", null, At("2026-03-08 11:30:00"), At("2026-03-08 11:30:00"), 90.00m, 1, "completed", 0m),
        ], Orders(bed));
        Assert.Contains("store 拼多多店 (--store 拼多多店)", report.Note, StringComparison.Ordinal);
        Assert.Contains("crediting needs 买家会员名", report.Note, StringComparison.Ordinal);
        Assert.Equal("pdd", Platform(bed, "拼多多店"));
    }

    [Fact]
    public void A_douyin_export_merges_its_sub_orders_adding_their_amounts()
    {
        using var bed = new EtlTestBed();
        bed.Drop("抖店订单导出.csv", "抖音小店/抖店订单导出.csv", Utf8WithBom);

        Loaded(bed.Ingest(), "抖音小店/抖店订单导出.csv", "douyin-orders", 2);

        Assert.Equal(
        [
            new("6920000000000001", "抖音小店", null, At("2026-03-08 20:00:00"), At("2026-03-08 20:00:20"), 79.00m, 3, "completed", 0m),
            new("6920000000000004", "抖音小店", null, At("2026-03-08 21:00:00"), null, 99.00m, 1, "closed", 0m),
        ], Orders(bed));
        Assert.Equal("douyin", Platform(bed, "抖音小店"));
    }

    [Fact]
    public void Hr_files_with_chinese_headers_are_recognised_by_their_header_and_their_wording_is_read()
    {
        using var bed = new EtlTestBed();
        bed.Drop("花名册.csv", "花名册.csv", Gb18030);
        bed.Drop("课程表.csv", "课程表.csv", Utf8WithBom);
        bed.Drop("培训记录.csv", "培训记录.csv", Utf8WithBom);

        var reports = bed.Ingest();

        Assert.Equal(
            [("培训记录.csv", "training", "hr-training", 2L), ("花名册.csv", "agents", "hr-roster", 2L), ("课程表.csv", "courses", "hr-courses", 2L)],
            reports.Select(r => (r.File, r.Kind, r.Layout, r.Loaded)).OrderBy(r => r.File, StringComparer.Ordinal));
        Assert.Equal([("朵朵云:小A", "朵朵云旗舰店", "一组", "presale"), ("朵朵云:小B", "朵朵云旗舰店", "二组", "aftersale")],
            bed.Query<(string, string, string, string)>("select agent_id, store_id, team, role from raw.roster_snapshot order by agent_id"));
        Assert.Equal([("C01", "product", 60), ("C02", "platform_rules", 80)],
            bed.Query<(string, string, int)>("select course_id, category, pass_score from raw.course order by course_id"));
        Assert.Equal([("朵朵云:小A", "completed", (int?)85), ("朵朵云:小B", "in_progress", null)],
            bed.Query<(string, string, int?)>("select agent_id, status, score from raw.training_event order by agent_id"));
    }

    [Fact]
    public void A_file_no_layout_matches_is_rejected_naming_the_closest_layout_and_what_it_lacks()
    {
        using var bed = new EtlTestBed();
        bed.Write("stock.csv", """
            订单号,商品ID,订购数量,下单时间
            1,2,3,2026-03-08 10:00:00
            """);

        var report = Assert.Single(bed.Ingest());

        Assert.Equal((FileOutcome.Rejected, "-"), (report.Outcome, report.Kind));
        Assert.Contains("agents, chats, orders, courses, training, ratings", report.Reason, StringComparison.Ordinal);
        Assert.Contains("the closest is 京东 订单导出, which also needs 应付金额, 订单状态", report.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_layout_file_is_valid_and_names_a_kind_or_why_it_is_skipped()
    {
        var names = ExportLayouts.Platform.Select(l => l.Name).ToList();

        Assert.Equal(["chitu-attendance", "chitu-presale", "chitu-workload", "douyin-orders", "hr-courses", "hr-roster", "hr-training", "jd-orders", "pdd-orders", "service-data", "taobao-distributor-orders", "taobao-order-items", "taobao-orders"],
            names.Order(StringComparer.Ordinal));
        Assert.All(ExportLayouts.Platform, l => Assert.False(string.IsNullOrWhiteSpace(l.Source)));
    }
}
