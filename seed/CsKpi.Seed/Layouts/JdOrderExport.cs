using System.Globalization;
using CsKpi.Seed.Generation;
using CsKpi.Seed.Output;

namespace CsKpi.Seed.Layouts;

/// <summary>
/// 京东 商家后台 订单导出 (docs/seed.md cites the header): GBK, CRLF, one row per SKU of an order, and no store column,
/// so the file goes to the inbox sub-folder named after the store. The order's money is on every one of its rows,
/// the same: 应付金额 (what the buyer pays: the contract's amount), 订单金额 (before discounts, postage included),
/// 结算金额, 运费金额; the line is 京东价 (unit price) × 订购数量. A reader takes the order columns once per 订单号.
/// </summary>
internal static class JdOrderExport
{
    public static readonly string[] Header =
    [
        "订单号", "商品ID", "商品名称", "订购数量", "支付方式", "下单时间", "京东价", "订单金额", "结算金额", "余额支付", "应付金额", "订单状态",
        "订单类型", "下单帐号", "客户姓名", "客户地址", "联系电话", "订单备注", "发票类型", "发票抬头", "发票内容", "商家备注",
        "商家备注等级（等级1-5为由高到低）", "运费金额", "付款确认时间", "增值税发票", "货号", "订单完成时间", "订单来源", "订单渠道",
    ];

    /// <summary>
    /// 订单状态. The export has no refund column: a full refund shows as a cancelled paid order (已取消 with 付款确认时间);
    /// a partial refund is not in the order export at all (JD books it in 售后). 锁定: a refund is under way (it comes
    /// within three days); 暂停: a paid order held back; (删除): an order the seller deleted from the list. JD's order
    /// states (WAIT_SELLER_STOCK_OUT … PAUSE) have no "waiting for payment": an order not paid yet is not exported.
    /// </summary>
    public static string? Status(ExportedOrder o)
    {
        var d = o.Details;
        var word = o.State.Status switch
        {
            "created" => null,
            "closed" => "已取消",
            "refunded" when o.FullyRefunded => "已取消",
            "paid" when o.Order.RefundedAt is { } r && r > o.At && r <= o.At.AddDays(3) => "锁定",
            "paid" when d.Variant is >= 90 and < 93 => "暂停",
            _ => o.Stage switch { "paid" => "等待出库", "shipped" => "等待确认收货", _ => "完成" },
        };
        if (word is null)
        {
            return null;
        }

        var deleted = (word == "已取消" && o.State.PaidAt is null && d.Variant < 30) || (word == "完成" && d.Variant < 3);
        return deleted ? "(删除)" + word : word;
    }

    public static (string Name, long Rows) Write(string directory, StoreModel store, DateTime fileTime, IReadOnlyList<ExportedOrder> orders)
    {
        var name = $"京东订单导出_{fileTime:yyyyMMddHHmm}.csv";
        using var csv = new PlatformCsv(Path.Combine(PlatformOrders.StoreFolder(directory, store), name), CsvDialect.Gbk, quoteEvery: false, newLine: "\r\n");
        csv.Header(Header);
        var products = store.Phrases.Products;
        foreach (var o in orders)
        {
            var order = o.Order;
            var d = o.Details;
            if (Status(o) is not { } status)
            {
                continue;
            }

            var invoice = d.Variant < 20;
            foreach (var line in d.Lines)
            {
                var product = Array.IndexOf(products, line.Product);
                csv.Row(
                [
                    order.OrderId,
                    (10_000_000_000L + (store.Index + 1) * 100_000L + product * 37L).ToString(CultureInfo.InvariantCulture),
                    line.Product,
                    line.Quantity.ToString(CultureInfo.InvariantCulture),
                    "在线支付",
                    Cells.Time(order.CreatedAt),
                    Cells.Yuan(line.UnitPriceFen),
                    Cells.Yuan(order.AmountFen + d.DiscountFen),
                    Cells.Yuan(order.AmountFen),
                    "0.00",
                    Cells.Yuan(order.AmountFen),
                    status,
                    "普通订单",
                    order.BuyerId,
                    d.Consignee,
                    $"{d.Province}{d.City}{d.District}{d.Street}",
                    d.MaskedMobile,
                    null,
                    invoice ? "电子发票" : "不开发票",
                    invoice ? "个人" : null,
                    invoice ? "明细" : null,
                    null,
                    null,
                    Cells.Yuan(d.PostageFen),
                    Cells.Time(o.State.PaidAt),
                    "否",
                    $"SKU{store.Index + 1:D2}{product:D3}",
                    status.EndsWith("完成", StringComparison.Ordinal) ? Cells.Time(o.CompletedAt) : null,
                    d.Variant < 75 ? "移动端" : "PC端",
                    "京东商城",
                ]);
            }
        }

        return ($"{store.StoreId}/{name}", csv.Rows);
    }
}
