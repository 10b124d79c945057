namespace CsKpi.Seed.Tests.Support;

/// <summary>How a contract column is typed (data-contract.md, "Types").</summary>
public enum Ty
{
    Text,
    /// <summary>A text key that a file may also carry as a whole number (message_id in Parquet and JSON Lines).</summary>
    Key,
    Integer,
    Money,
    Decimal,
    Timestamp,
    Date,
}

public sealed record Col(string Name, Ty Type, bool Required, params string[] Aliases);

public sealed record Kind(string Name, bool ChineseCsvHeaders, IReadOnlyList<Col> Columns)
{
    public Col this[string name] => Columns.Single(c => c.Name == name);
}

/// <summary>
/// The data contract as written in shared/spec/data-contract.md, copied here by hand rather than taken from the
/// seed's own ContractTables, so that a drift between the seed and the spec fails a test.
/// </summary>
public static class Spec
{
    public static readonly Kind Agents = new("agents", false,
    [
        new("agent_id", Ty.Text, true, "客服账号", "子账号"),
        new("name", Ty.Text, true, "姓名"),
        new("store_id", Ty.Text, true, "店铺"),
        new("team", Ty.Text, false, "小组"),
        new("role", Ty.Text, false, "岗位"),
        new("hired_on", Ty.Date, true, "入职日期"),
        new("left_on", Ty.Date, false, "离职日期"),
        new("level", Ty.Text, false, "级别"),
        new("coefficient", Ty.Decimal, false, "系数"),
        new("monthly_cost", Ty.Money, false, "月成本"),
        new("as_of", Ty.Date, false, "日期"),
    ]);

    public static readonly Kind Chats = new("chats", false,
    [
        new("message_id", Ty.Key, false, "消息ID"),
        new("store_id", Ty.Text, true, "店铺"),
        new("buyer_id", Ty.Text, true, "买家", "买家昵称"),
        new("agent_id", Ty.Text, true, "客服账号", "子账号"),
        new("sender", Ty.Text, true, "发送方"),
        new("sent_at", Ty.Timestamp, true, "时间"),
        new("content", Ty.Text, false, "内容"),
    ]);

    public static readonly Kind Orders = new("orders", true,
    [
        new("order_id", Ty.Text, true, "订单编号"),
        new("store_id", Ty.Text, true, "店铺"),
        new("buyer_id", Ty.Text, true, "买家会员名"),
        new("created_at", Ty.Timestamp, true, "订单创建时间"),
        new("paid_at", Ty.Timestamp, false, "订单付款时间"),
        new("amount", Ty.Money, true, "买家实际支付金额"),
        new("items", Ty.Integer, false, "宝贝总数量"),
        new("status", Ty.Text, false, "订单状态"),
        new("refund_amount", Ty.Money, false, "退款金额"),
        new("refunded_at", Ty.Timestamp, false, "退款时间"),
        new("updated_at", Ty.Timestamp, false, "更新时间"),
    ]);

    public static readonly Kind Courses = new("courses", true,
    [
        new("course_id", Ty.Text, true, "课程编号"),
        new("title", Ty.Text, true, "课程名称"),
        new("category", Ty.Text, true, "类别"),
        new("pass_score", Ty.Integer, false, "及格分"),
        new("valid_months", Ty.Integer, false, "有效期(月)"),
        new("required_for_level", Ty.Text, false, "晋升要求级别"),
        new("hours", Ty.Decimal, false, "学时"),
    ]);

    public static readonly Kind Training = new("training", false,
    [
        new("agent_id", Ty.Text, true, "客服账号"),
        new("course_id", Ty.Text, true, "课程编号"),
        new("status", Ty.Text, true, "状态"),
        new("event_on", Ty.Date, true, "日期"),
        new("score", Ty.Integer, false, "考核成绩"),
        new("assessor", Ty.Text, false, "考核人"),
    ]);

    public static readonly Kind Ratings = new("ratings", true,
    [
        new("store_id", Ty.Text, true, "店铺"),
        new("buyer_id", Ty.Text, true, "买家"),
        new("agent_id", Ty.Text, true, "客服账号"),
        new("rated_at", Ty.Timestamp, true, "评价时间"),
        // Words in a CSV from the shop back-end (很满意…), so it is read as text and mapped.
        new("score", Ty.Text, true, "评价"),
        new("comment", Ty.Text, false, "评价内容"),
    ]);

    public static readonly IReadOnlyList<Kind> Kinds = [Agents, Chats, Orders, Courses, Training, Ratings];

    public static Kind Of(string kind) => Kinds.Single(k => k.Name == kind);

    /// <summary>The kind of a file, by its name prefix (data-contract.md: <c>chats*.csv</c>…).</summary>
    public static string KindOfFile(string fileName) =>
        Kinds.Select(k => k.Name).Single(k => fileName.StartsWith(k, StringComparison.OrdinalIgnoreCase));

    // Enumerations with the Chinese spellings the contract accepts, mapped to the codes.
    public static readonly IReadOnlyDictionary<string, string> Senders = Map(
        ("buyer", "买家"), ("agent", "客服"), ("auto", "自动回复"), ("system", "系统"));

    public static readonly IReadOnlyDictionary<string, string> Roles = Map(
        ("presale", "售前"), ("aftersale", "售后"), ("both", "售前售后"));

    /// <summary>Order states; the Chinese words are what 淘宝/天猫 order exports print in 订单状态.</summary>
    public static readonly IReadOnlyDictionary<string, string> OrderStatuses = Map(
        ("created", "等待买家付款"), ("paid", "买家已付款，等待卖家发货"), ("shipped", "卖家已发货，等待买家确认"),
        ("completed", "交易成功"), ("closed", "交易关闭"), ("refunded", "退款成功"));

    public static readonly IReadOnlyDictionary<string, string> Categories = Map(
        ("product", "产品"), ("tools", "工具流程"), ("scripts", "话术"), ("logistics", "仓储物流"),
        ("promotions", "活动优惠"), ("policy", "公司制度"), ("platform_rules", "平台规则"), ("mindset", "职业心态"));

    public static readonly IReadOnlyDictionary<string, string> TrainingStatuses = Map(
        ("planned", "计划"), ("in_progress", "进行中"), ("completed", "已完成"));

    /// <summary>career.md's ladder: code, Chinese name, coefficient range.</summary>
    public static readonly IReadOnlyList<(string Code, string Name, decimal Min, decimal Max)> Levels =
    [
        ("L1", "新员工", 0.8m, 1.0m),
        ("L2", "特殊技能新员工", 0.9m, 1.1m),
        ("L3", "老员工", 1.0m, 1.3m),
        ("L4", "组长", 1.2m, 1.5m),
        ("L5", "部门主管", 1.4m, 1.8m),
        ("L6", "部门经理", 1.6m, 2.2m),
        ("L7", "公司高层", 2.0m, 3.0m),
    ];

    public static readonly IReadOnlyDictionary<string, int> RatingWords = new Dictionary<string, int>
    {
        ["很满意"] = 5, ["满意"] = 4, ["一般"] = 3, ["不满意"] = 2, ["很不满意"] = 1,
    };

    /// <summary>metrics.md's default <c>filter_ad_patterns</c>: a URL, or one of the listed words.</summary>
    public const string AdPattern = @"https?://|www\.|加微信|加v|加V|V信|威信|兼职|刷单|QQ群|代运营";

    /// <summary>Codes and their Chinese names both map to the code.</summary>
    private static Dictionary<string, string> Map(params (string Code, string Chinese)[] pairs) =>
        pairs.SelectMany(p => new[] { (p.Code, p.Code), (p.Chinese, p.Code) }).ToDictionary(p => p.Item1, p => p.Item2);
}
