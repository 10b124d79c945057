using CsKpi.Seed.Generation;

namespace CsKpi.Seed.Layouts;

/// <summary>One SKU line of an order: which product, how many, at what unit price before discounts (fen).</summary>
internal sealed record OrderLine(string Product, int Quantity, long UnitPriceFen)
{
    public long GrossFen => Quantity * UnitPriceFen;
}

/// <summary>
/// What a platform export shows of an order beyond the contract's columns: its SKU lines, postage, discount,
/// consignee and parcel. Drawn from the order id (not from the file), so the monthly export and a later update
/// export show the same order alike. The money adds up: Σ lines = amount − postage + discount.
/// </summary>
internal sealed record OrderDetails(IReadOnlyList<OrderLine> Lines, long PostageFen, long DiscountFen, string Consignee,
    string Mobile, string Province, string City, string District, string Street, string Courier, string TrackingNo, int Variant)
{
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林"];
    private static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英", "桂英", "晓燕", "子涵", "雨萱"];

    private static readonly (string Province, string City, string[] Districts)[] Places =
    [
        ("浙江省", "杭州市", ["西湖区", "余杭区", "滨江区"]),
        ("广东省", "深圳市", ["南山区", "福田区", "宝安区"]),
        ("江苏省", "南京市", ["鼓楼区", "玄武区", "江宁区"]),
        ("北京", "北京市", ["朝阳区", "海淀区", "丰台区"]),
        ("上海", "上海市", ["浦东新区", "徐汇区", "闵行区"]),
        ("四川省", "成都市", ["武侯区", "锦江区", "高新区"]),
        ("湖北省", "武汉市", ["洪山区", "江汉区", "武昌区"]),
        ("山东省", "青岛市", ["市南区", "崂山区", "黄岛区"]),
    ];

    private static readonly string[] Roads = ["文三路", "人民路", "建设路", "解放路", "中山路", "和平路", "长江路", "学院路"];
    private static readonly string[] Couriers = ["中通快递", "圆通速递", "韵达快递", "申通快递", "顺丰速运", "极兔速递"];

    public static OrderDetails Of(Order order, StoreModel store, int seed)
    {
        var random = StableRandom.For(seed, store.Index, 40, long.Parse(order.OrderId, System.Globalization.CultureInfo.InvariantCulture));
        var amount = order.AmountFen;
        var postage = amount > 3000 && random.Chance(0.15) ? 600 : 0;
        var discount = random.Chance(0.3) ? random.Pick(new long[] { 300, 500, 1000, 2000 }) : 0;
        var gross = amount - postage + discount;

        // Two or three lines when there is more than one item; the last line holds one piece, so its unit price can
        // take whatever fen remain and the lines still add up exactly.
        var items = order.Items;
        var count = items == 1 ? 1 : random.Next(2, Math.Min(3, items) + 1);
        var quantities = new int[count];
        Array.Fill(quantities, 1);
        for (var extra = items - count; extra > 0; extra--)
        {
            quantities[count == 1 ? 0 : random.Next(count - 1)]++;
        }

        var weights = Enumerable.Range(0, count).Select(_ => 0.5 + random.NextDouble()).ToArray();
        var products = store.Phrases.Products;
        // Distinct products on the lines of one order (an SKU is one line), as far as the store has them.
        var picks = Enumerable.Range(0, products.Length).OrderBy(_ => random.Next()).ToArray();
        var lines = new List<OrderLine>(count);
        long sum = 0;
        for (var i = 0; i < count - 1; i++)
        {
            var unit = Math.Max(1, (long)(gross * weights[i] / weights.Sum() / quantities[i]));
            lines.Add(new OrderLine(products[picks[i % picks.Length]], quantities[i], unit));
            sum += unit * quantities[i];
        }

        lines.Add(new OrderLine(products[picks[(count - 1) % picks.Length]], quantities[^1], gross - sum));

        var place = random.Pick(Places);
        return new OrderDetails(lines, postage, discount,
            random.Pick(Surnames) + random.Pick(Given),
            $"1{random.Pick(new[] { 3, 5, 7, 8, 9 })}{random.Next(0, 10)}{random.Next(10_000_000, 100_000_000)}",
            place.Province, place.City, random.Pick(place.Districts),
            $"{random.Pick(Roads)}{random.Next(1, 999)}号{random.Next(1, 30)}幢{random.Next(101, 2999)}室",
            random.Pick(Couriers), $"{random.Next(70, 80)}{random.Next(100_000_000, 999_999_999)}{random.Next(100, 999)}",
            random.Next(100));
    }

    /// <summary>The mobile as exports show it to the seller: 139****1234.</summary>
    public string MaskedMobile => $"{Mobile[..3]}****{Mobile[^4..]}";

    /// <summary>The amount each line carries, in proportion to its gross; the last line takes what rounding leaves.</summary>
    public long[] SplitAmount(long amountFen)
    {
        var gross = Lines.Sum(l => l.GrossFen);
        var shares = new long[Lines.Count];
        long sum = 0;
        for (var i = 0; i < shares.Length - 1; i++)
        {
            shares[i] = amountFen * Lines[i].GrossFen / gross;
            sum += shares[i];
        }

        shares[^1] = amountFen - sum;
        return shares;
    }
}
