namespace CsKpi.Seed.Contract;

/// <summary>How a column's values are typed in a Parquet file and formatted in CSV and JSON Lines.</summary>
public enum ColumnType
{
    Text,
    Integer,
    /// <summary>Local time of the store, to the second.</summary>
    Timestamp,
    Date,
    /// <summary>Yuan with two decimals, held as fen (cents) so that sums stay exact.</summary>
    Money,
    /// <summary>A decimal with two places (coefficient, hours), held ×100.</summary>
    Decimal2,
}

public sealed record Column(string Name, string ChineseName, ColumnType Type);

/// <summary>One kind of file of ../shared/spec/data-contract.md, with its columns in the order the seed writes them.</summary>
public sealed record ContractTable(string Kind, IReadOnlyList<Column> Columns)
{
    public int IndexOf(string name)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Name == name)
            {
                return i;
            }
        }

        throw new ArgumentException($"{Kind} has no column {name}", nameof(name));
    }
}

/// <summary>The six kinds of the data contract. English names are the contract's; Chinese ones are its aliases.</summary>
public static class ContractTables
{
    public static readonly ContractTable Agents = new("agents",
    [
        new("agent_id", "客服账号", ColumnType.Text),
        new("name", "姓名", ColumnType.Text),
        new("store_id", "店铺", ColumnType.Text),
        new("team", "小组", ColumnType.Text),
        new("role", "岗位", ColumnType.Text),
        new("hired_on", "入职日期", ColumnType.Date),
        new("left_on", "离职日期", ColumnType.Date),
        new("level", "级别", ColumnType.Text),
        new("coefficient", "系数", ColumnType.Decimal2),
        new("monthly_cost", "月成本", ColumnType.Money),
        new("as_of", "日期", ColumnType.Date),
    ]);

    public static readonly ContractTable Chats = new("chats",
    [
        new("message_id", "消息ID", ColumnType.Integer),
        new("store_id", "店铺", ColumnType.Text),
        new("buyer_id", "买家", ColumnType.Text),
        new("agent_id", "客服账号", ColumnType.Text),
        new("sender", "发送方", ColumnType.Text),
        new("sent_at", "时间", ColumnType.Timestamp),
        new("content", "内容", ColumnType.Text),
    ]);

    public static readonly ContractTable Orders = new("orders",
    [
        new("order_id", "订单编号", ColumnType.Text),
        new("store_id", "店铺", ColumnType.Text),
        new("buyer_id", "买家会员名", ColumnType.Text),
        new("created_at", "订单创建时间", ColumnType.Timestamp),
        new("paid_at", "订单付款时间", ColumnType.Timestamp),
        new("amount", "买家实际支付金额", ColumnType.Money),
        new("items", "宝贝总数量", ColumnType.Integer),
        new("status", "订单状态", ColumnType.Text),
        new("refund_amount", "退款金额", ColumnType.Money),
        new("refunded_at", "退款时间", ColumnType.Timestamp),
        new("updated_at", "更新时间", ColumnType.Timestamp),
    ]);

    public static readonly ContractTable Courses = new("courses",
    [
        new("course_id", "课程编号", ColumnType.Text),
        new("title", "课程名称", ColumnType.Text),
        new("category", "类别", ColumnType.Text),
        new("pass_score", "及格分", ColumnType.Integer),
        new("valid_months", "有效期(月)", ColumnType.Integer),
        new("required_for_level", "晋升要求级别", ColumnType.Text),
        new("hours", "学时", ColumnType.Decimal2),
    ]);

    public static readonly ContractTable Training = new("training",
    [
        new("agent_id", "客服账号", ColumnType.Text),
        new("course_id", "课程编号", ColumnType.Text),
        new("status", "状态", ColumnType.Text),
        new("event_on", "日期", ColumnType.Date),
        new("score", "考核成绩", ColumnType.Integer),
        new("assessor", "考核人", ColumnType.Text),
    ]);

    public static readonly ContractTable Ratings = new("ratings",
    [
        new("store_id", "店铺", ColumnType.Text),
        new("buyer_id", "买家", ColumnType.Text),
        new("agent_id", "客服账号", ColumnType.Text),
        new("rated_at", "评价时间", ColumnType.Timestamp),
        new("score", "评价", ColumnType.Integer),
        new("comment", "评价内容", ColumnType.Text),
    ]);

    public static IReadOnlyList<ContractTable> All { get; } = [Agents, Chats, Orders, Courses, Training, Ratings];
}
