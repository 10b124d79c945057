using CsKpi.Seed.Generation;
using CsKpi.Seed.Output;

namespace CsKpi.Seed.Layouts;

/// <summary>
/// 拼多多 商家后台 订单导出 as the .xlsx it downloads (docs/seed.md cites the columns): money in columns named (元),
/// times as text, an empty time sometimes a lone tab, no store column (the store's inbox sub-folder names it) and no
/// buyer column (Pinduoduo does not give merchants the buyer's account: these orders cannot be credited to an agent).
/// One row per order. Orders never paid are not exported, closed ones included: the merchant sees an order once its
/// group buy succeeds, which needs the payment, and an order without any time could not be placed on a day.
/// </summary>
internal static class PddOrderExport
{
    public static readonly string[] Header =
    [
        "商品", "订单号", "订单状态", "商品数量(件)", "是否审核中", "支付时间", "承诺发货时间", "拼单成功时间", "订单确认时间", "发货时间",
        "确认收货时间", "商品总价(元)", "邮费(元)", "店铺优惠折扣(元)", "平台优惠折扣(元)", "多多支付立减金额(元)", "用户实付金额(元)",
        "商家实收金额(元)", "商品id", "商品规格", "样式ID", "商家编码-SKU维度", "商家编码-商品维度", "收货人", "手机", "省", "市", "区",
        "街道", "快递单号", "快递公司", "买家留言", "商家备注", "售后状态",
    ];

    /// <summary>订单状态; a partial refund leaves the order where the parcel is (the order export has no refund amount).</summary>
    public static string? Status(ExportedOrder o) => o.State.Status switch
    {
        "created" => null,
        "closed" => null,
        "refunded" when o.FullyRefunded => o.StageAt(o.Order.RefundedAt!.Value) == "paid" ? "未发货，退款成功" : "已发货，退款成功",
        _ => o.Stage switch { "paid" => "待发货", "shipped" => "已发货，待签收", _ => "已签收" },
    };

    public static (string Name, long Rows) Write(string directory, StoreModel store, DateTime fileTime, IReadOnlyList<ExportedOrder> orders)
    {
        var name = $"拼多多订单导出_{fileTime:yyyyMMddHHmm}.xlsx";
        var rows = new List<object?[]> { Header };
        foreach (var o in orders)
        {
            if (Status(o) is not { } status)
            {
                continue;
            }

            var order = o.Order;
            var d = o.Details;
            var paid = o.State.PaidAt;
            var shipped = status is "已发货，待签收" or "已签收" or "已发货，退款成功" ? o.ShippedAt ?? paid?.AddHours(20) : null;
            var received = status == "已签收" ? o.CompletedAt : null;
            // An empty time cell: left empty, or (every other order) holding the lone tab some exports put there.
            object? Time(DateTime? at) => at is { } t ? Cells.Time(t) : d.Variant % 2 == 0 ? "\t" : null;
            var platformPays = d.Variant < 50;
            var product = Array.IndexOf(store.Phrases.Products, d.Lines[0].Product);
            rows.Add(
            [
                d.Lines[0].Product,
                order.OrderId,
                status,
                (long)order.Items,
                "否",
                Time(paid),
                Time(paid?.AddHours(48)),
                Time(paid),
                Time(paid),
                Time(shipped),
                Time(received),
                (order.AmountFen - d.PostageFen + d.DiscountFen) / 100m,
                d.PostageFen / 100m,
                platformPays ? 0m : d.DiscountFen / 100m,
                platformPays ? d.DiscountFen / 100m : 0m,
                0m,
                order.AmountFen / 100m,
                (order.AmountFen + (platformPays ? d.DiscountFen : 0)) / 100m,
                (long)(600_000_000 + (store.Index + 1) * 10_000 + product),
                d.Lines.Count == 1 ? "默认" : $"{d.Lines.Count}件组合",
                (long)(1_000_000 + product),
                null,
                null,
                d.Consignee,
                d.MaskedMobile,
                d.Province,
                d.City,
                d.District,
                d.Street,
                shipped is null ? null : d.TrackingNo,
                shipped is null ? null : d.Courier,
                null,
                null,
                status.EndsWith("退款成功", StringComparison.Ordinal) ? "退款成功" : "无售后或售后取消",
            ]);
        }

        Xlsx.Write(Path.Combine(PlatformOrders.StoreFolder(directory, store), name), rows, "Sheet1");
        return ($"{store.StoreId}/{name}", rows.Count - 1);
    }
}
