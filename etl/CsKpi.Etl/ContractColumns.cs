namespace CsKpi.Etl;

/// <summary>A column of the data contract: its name, whether a file must have it, and the headers that mean it.</summary>
public sealed record ContractColumn(string Name, bool Required, params string[] Aliases);

/// <summary>The columns of each kind (data-contract.md), with the Chinese headers shop, chat and HR exports use.</summary>
public static class ContractColumns
{
    private static readonly Dictionary<FileKind, ContractColumn[]> Columns = new()
    {
        [FileKind.Agents] =
        [
            new("agent_id", true, "客服账号", "子账号"), new("name", true, "姓名"), new("store_id", true, "店铺"),
            new("team", false, "小组"), new("role", false, "岗位"), new("hired_on", true, "入职日期"),
            new("left_on", false, "离职日期"), new("level", false, "级别"), new("coefficient", false, "系数"),
            new("monthly_cost", false, "月成本"), new("as_of", false, "日期"),
        ],
        [FileKind.Chats] =
        [
            new("message_id", false, "消息ID"), new("store_id", true, "店铺"), new("buyer_id", true, "买家", "买家昵称"),
            new("agent_id", true, "客服账号", "子账号"), new("sender", true, "发送方"), new("sent_at", true, "时间"),
            new("content", false, "内容"),
        ],
        [FileKind.Orders] =
        [
            new("order_id", true, "订单编号"), new("store_id", true, "店铺"), new("buyer_id", true, "买家会员名"),
            new("created_at", true, "订单创建时间"), new("paid_at", false, "订单付款时间"), new("amount", true, "买家实际支付金额"),
            new("items", false, "宝贝总数量"), new("status", false, "订单状态"), new("refund_amount", false, "退款金额"),
            new("refunded_at", false, "退款时间"), new("updated_at", false, "更新时间"),
        ],
        [FileKind.Courses] =
        [
            new("course_id", true, "课程编号"), new("title", true, "课程名称"), new("category", true, "类别"),
            new("pass_score", false, "及格分"), new("valid_months", false, "有效期(月)"), new("required_for_level", false, "晋升要求级别"),
            new("hours", false, "学时"),
        ],
        [FileKind.Training] =
        [
            new("agent_id", true, "客服账号"), new("course_id", true, "课程编号"), new("status", true, "状态"),
            new("event_on", true, "日期"), new("score", false, "考核成绩"), new("assessor", false, "考核人"),
        ],
        [FileKind.Ratings] =
        [
            new("store_id", true, "店铺"), new("buyer_id", true, "买家"), new("agent_id", true, "客服账号"),
            new("rated_at", true, "评价时间"), new("score", true, "评价"), new("comment", false, "评价内容"),
        ],
        // Every other column of a report is a metric (ExportLayout.Metrics, else under its own header).
        [FileKind.AgentReport] =
        [
            new("store_id", true, "店铺"), new("agent_nick", true, "客服", "客服昵称", "旺旺昵称"), new("team", false, "旺旺分组", "分组"),
            new("report_day", false, "日期"),
        ],
    };

    public static IReadOnlyList<ContractColumn> For(FileKind kind) => Columns[kind];
}

/// <summary>Which header of a file feeds which contract column; what is missing; what is extra; the layout it follows.</summary>
public sealed record HeaderMapping(IReadOnlyList<string> Headers, IReadOnlyDictionary<string, string> SourceByColumn, IReadOnlyList<string> MissingRequired, IReadOnlyList<string> Extra)
{
    /// <summary>The layout whose mapping this is (the contract's, unless a platform layout matched).</summary>
    public Layouts.ExportLayout Layout { get; init; } = null!;

    /// <summary>An agent report's metric columns: the metric code (or the header itself), its value form, its header.</summary>
    public IReadOnlyList<(string Metric, string Form, string Header)> Metrics { get; init; } = [];

    /// <summary>
    /// Matches headers to the kind's contract columns by name or alias, ignoring case, surrounding space, a byte-order
    /// mark and full-width parentheses (有效期（月）).
    /// </summary>
    public static HeaderMapping Map(FileKind kind, IReadOnlyList<string> headers) =>
        Layouts.LayoutMatcher.Map(Layouts.ExportLayouts.ContractOf(kind), headers);
}
