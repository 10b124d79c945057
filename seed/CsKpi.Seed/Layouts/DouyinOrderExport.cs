using System.Globalization;
using CsKpi.Seed.Generation;
using CsKpi.Seed.Output;

namespace CsKpi.Seed.Layouts;

/// <summary>
/// 抖店 订单导出, the standard report by product (docs/seed.md cites it): CSV in UTF-8 with a BOM, one row per
/// sub-order (子订单), ids with a leading tab (so Excel keeps the long numbers), '-' for empty, no store column (the
/// store's inbox sub-folder names it) and no buyer column. 订单应付金额 is the sub-order's share: the rows of one
/// 主订单编号 add up to the order's amount (postage and the shop's discount are on its first row).
/// </summary>
internal static class DouyinOrderExport
{
    public static readonly string[] Header =
    [
        "主订单编号", "子订单编号", "选购商品", "商品规格", "商品数量", "商品ID", "商家编码", "商品单价", "订单应付金额", "运费", "优惠总金额",
        "平台优惠", "商家优惠", "达人优惠", "手续费", "收件人", "收件人手机号", "省", "市", "区", "街道", "详细地址", "买家留言", "订单提交时间",
        "支付方式", "支付完成时间", "订单完成时间", "商家备注", "订单状态", "承诺发货时间", "发货时间", "取消原因", "售后状态", "流量来源",
        "达人ID", "达人昵称", "直播间ID", "广告渠道", "旗帜颜色",
    ];

    /// <summary>订单状态; a full refund closes the order (售后状态 退款成功); a partial one is not in the order report.</summary>
    public static string Status(ExportedOrder o) => o.State.Status switch
    {
        "created" => "待支付",
        "closed" => "已关闭",
        "refunded" when o.FullyRefunded => "已关闭",
        _ => o.Stage switch { "paid" => "待发货", "shipped" => "已发货", _ => "已完成" },
    };

    public static (string Name, long Rows) Write(string directory, StoreModel store, DateTime fileTime, IReadOnlyList<ExportedOrder> orders)
    {
        var name = $"抖店订单导出_{fileTime:yyyyMMddHHmm}.csv";
        using var csv = new PlatformCsv(Path.Combine(PlatformOrders.StoreFolder(directory, store), name), CsvDialect.Utf8WithBom, quoteEvery: false, newLine: "\n");
        csv.Header(Header);
        var products = store.Phrases.Products;
        static string Dash(string? text) => string.IsNullOrEmpty(text) ? "-" : text;
        foreach (var o in orders)
        {
            var order = o.Order;
            var d = o.Details;
            var status = Status(o);
            var shares = d.SplitAmount(order.AmountFen);
            var refunded = o.FullyRefunded && o.State.Status == "refunded";
            var fromLive = d.Variant < 40;
            for (var i = 0; i < d.Lines.Count; i++)
            {
                var line = d.Lines[i];
                var product = Array.IndexOf(products, line.Product);
                var first = i == 0;
                csv.Row(
                [
                    "\t" + order.OrderId,
                    "\t" + order.OrderId + (i + 1).ToString("D2", CultureInfo.InvariantCulture),
                    line.Product,
                    "默认",
                    line.Quantity.ToString(CultureInfo.InvariantCulture),
                    "\t" + (3_500_000_000_000_000_000L + (store.Index + 1) * 1_000_000L + product).ToString(CultureInfo.InvariantCulture),
                    "-",
                    Cells.Yuan(line.UnitPriceFen),
                    Cells.Yuan(shares[i]),
                    Cells.Yuan(first ? d.PostageFen : 0),
                    Cells.Yuan(first ? d.DiscountFen : 0),
                    "0.00",
                    Cells.Yuan(first ? d.DiscountFen : 0),
                    "0.00",
                    "0.00",
                    d.Consignee,
                    d.MaskedMobile,
                    d.Province,
                    d.City,
                    d.District,
                    d.Street,
                    $"{d.Province}{d.City}{d.District}{d.Street}",
                    "-",
                    Cells.Time(order.CreatedAt),
                    o.State.PaidAt is null ? "-" : d.Variant < 60 ? "抖音支付" : "微信",
                    Dash(Cells.Time(o.State.PaidAt)),
                    status == "已完成" ? Dash(Cells.Time(o.CompletedAt)) : "-",
                    "-",
                    status,
                    Dash(Cells.Time(o.State.PaidAt?.AddHours(48))),
                    status is "已发货" or "已完成" ? Dash(Cells.Time(o.ShippedAt)) : "-",
                    o.State.Status == "closed" ? "超时未支付" : "-",
                    refunded ? "退款成功" : "-",
                    fromLive ? "直播" : "商品卡",
                    fromLive ? "\t" + (70_000_000_000L + d.Variant).ToString(CultureInfo.InvariantCulture) : "-",
                    fromLive ? $"{store.Prefix}官方直播间" : "-",
                    fromLive ? "\t" + (7_300_000_000_000_000_000L + order.CreatedAt.DayNumber()).ToString(CultureInfo.InvariantCulture) : "-",
                    "-",
                    "-",
                ]);
            }
        }

        return ($"{store.StoreId}/{name}", csv.Rows);
    }

    private static long DayNumber(this DateTime at) => DateOnly.FromDateTime(at).DayNumber;
}
