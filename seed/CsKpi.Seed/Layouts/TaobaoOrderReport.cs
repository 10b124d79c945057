using CsKpi.Seed.Generation;
using CsKpi.Seed.Output;

namespace CsKpi.Seed.Layouts;

/// <summary>
/// 淘宝/天猫 卖家中心 订单报表, the 2017 layout of 46 columns (docs/seed.md cites it): ExportOrderList{yyyyMMddHHmm}.csv,
/// GBK, CRLF, every field quoted, the order number as an Excel formula ="…" and the mobile as '139… (so that Excel
/// keeps them as text), header names with the platform's trailing spaces. One row per order.
/// </summary>
internal static class TaobaoOrderReport
{
    public static readonly string[] Header =
    [
        "订单编号", "买家会员名", "买家支付宝账号", "买家应付货款", "买家应付邮费", "买家支付积分", "总金额", "返点积分",
        "买家实际支付金额", "买家实际支付积分", "订单状态", "买家留言", "收货人姓名", "收货地址 ", "运送方式", "联系电话 ", "联系手机",
        "订单创建时间", "订单付款时间 ", "宝贝标题 ", "宝贝种类 ", "物流单号 ", "物流公司", "订单备注", "宝贝总数量", "店铺Id", "店铺名称",
        "订单关闭原因", "卖家服务费", "买家服务费", "发票抬头", "是否手机订单", "分阶段订单信息", "特权订金订单id", "是否上传合同照片",
        "是否上传小票", "是否代付", "定金排名", "修改后的sku", "修改后的收货地址", "异常信息", "天猫卡券抵扣", "集分宝抵扣", "是否是O2O交易",
        "退款金额", "预约门店",
    ];

    /// <summary>
    /// 订单状态 as the report words it. A full refund closes the trade (交易关闭, 订单关闭原因 退款); a partial one leaves
    /// the trade where the parcel is, with 退款金额; an unpaid order that timed out was closed by Taobao.
    /// </summary>
    public static string Status(ExportedOrder o) => o.State.Status switch
    {
        "created" => "等待买家付款",
        "closed" => "交易被淘宝关闭",
        "refunded" when o.FullyRefunded => "交易关闭",
        _ => o.Stage switch
        {
            "paid" => "买家已付款，等待卖家发货",
            "shipped" => "卖家已发货，等待买家确认",
            _ => "交易成功",
        },
    };

    public static (string Name, long Rows) Write(string directory, StoreModel store, DateTime fileTime, IReadOnlyList<ExportedOrder> orders)
    {
        var name = $"ExportOrderList{fileTime:yyyyMMddHHmm}.csv";
        using var csv = new PlatformCsv(Path.Combine(directory, name), CsvDialect.Gbk, quoteEvery: true, newLine: "\r\n");
        csv.Header(Header);
        var shopId = (2_000_000_000L + store.Index * 7_919_177L).ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var o in orders)
        {
            var order = o.Order;
            var d = o.Details;
            var status = Status(o);
            var shipped = o.ShippedAt is not null && status != "交易关闭";
            csv.Row(
            [
                $"=\"{order.OrderId}\"",
                order.BuyerId,
                d.MaskedMobile,
                Cells.Yuan(order.AmountFen - d.PostageFen),
                Cells.Yuan(d.PostageFen),
                "0",
                Cells.Yuan(order.AmountFen),
                "0",
                // What the buyer pays for the order (the API's payment): before refunds, so 总金额 = 买家实际支付金额.
                Cells.Yuan(order.AmountFen),
                "0",
                status,
                d.Variant < 8 ? "请尽快发货，谢谢" : null,
                d.Consignee,
                $"{d.Province} {d.City} {d.District} {d.Street}(000000)",
                "快递",
                null,
                $"'{d.Mobile}",
                Cells.Time(order.CreatedAt),
                Cells.Time(o.State.PaidAt),
                string.Join("，", d.Lines.Select(l => l.Product)),
                d.Lines.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                shipped ? $"No:{d.TrackingNo}" : null,
                shipped ? d.Courier : null,
                null,
                order.Items.ToString(System.Globalization.CultureInfo.InvariantCulture),
                shopId,
                store.StoreId,
                status switch { "交易被淘宝关闭" => "买家未付款", "交易关闭" => "退款", _ => "订单未关闭" },
                "0",
                "0元",
                null,
                d.Variant < 70 ? "手机订单" : null,
                null,
                null,
                "否",
                "否",
                "否",
                null,
                null,
                null,
                null,
                null,
                "0",
                null,
                Cells.Yuan(o.State.RefundFen),
                null,
            ]);
        }

        return (name, csv.Rows);
    }
}
