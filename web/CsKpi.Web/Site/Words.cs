using CsKpi.Warehouse;

namespace CsKpi.Web.Site;

/// <summary>
/// The codes engines and tables hold (an agent's role, a user's role, a course category, a platform, a file's kind and
/// outcome, a SQL refusal), said in the viewer's language. A code this does not know is shown as it is.
/// </summary>
public static partial class Words
{
    /// <summary>An agent's post (core.dim_agent.role).</summary>
    public static string AgentRole(string? role) => role switch
    {
        "presale" => Lang.T("售前", "pre-sales"),
        "aftersale" => Lang.T("售后", "after-sales"),
        "both" => Lang.T("售前售后", "pre- and after-sales"),
        _ => role ?? "",
    };

    /// <summary>An order's attribution rule (core.fct_order_credit.rule).</summary>
    public static string CreditRule(string? rule) => rule switch
    {
        "order_created" => Lang.T("下单判定", "order created"),
        "paid" => Lang.T("付款判定", "paid"),
        "order_first" => Lang.T("下单优先判定", "order first"),
        _ => rule ?? "",
    };

    /// <summary>The time an attribution window ends at (core.fct_order_credit.basis).</summary>
    public static string CreditBasis(string? basis) => basis switch
    {
        "created_at" => Lang.T("按下单时间", "by order time"),
        "paid_at" => Lang.T("按付款时间", "by payment time"),
        _ => basis ?? "",
    };

    /// <summary>A site user's role (Roles).</summary>
    public static string UserRole(string role) => role switch
    {
        Roles.Admin => Lang.T("管理员", "admin"),
        Roles.Hr => Lang.T("人事", "HR"),
        Roles.Analyst => Lang.T("分析师", "analyst"),
        Roles.Supervisor => Lang.T("组长", "supervisor"),
        Roles.Agent => Lang.T("客服", "agent"),
        _ => role,
    };

    /// <summary>A course category as the contract spells it (etl.course_category).</summary>
    public static string CourseCategory(string? category) => category switch
    {
        "product" => Lang.T("产品", "product"),
        "tools" => Lang.T("工具流程", "tools"),
        "scripts" => Lang.T("话术", "scripts"),
        "logistics" => Lang.T("仓储物流", "logistics"),
        "promotions" => Lang.T("活动优惠", "promotions"),
        "policy" => Lang.T("公司制度", "policy"),
        "platform_rules" => Lang.T("平台规则", "platform rules"),
        "mindset" => Lang.T("职业心态", "mindset"),
        _ => category ?? "",
    };

    /// <summary>A store's platform (app.store.platform).</summary>
    public static string Platform(string platform) => platform switch
    {
        "taobao" => Lang.T("淘宝", "Taobao"),
        "tmall" => Lang.T("天猫", "Tmall"),
        "jd" => Lang.T("京东", "JD"),
        "pdd" => Lang.T("拼多多", "Pinduoduo"),
        "douyin" => Lang.T("抖音", "Douyin"),
        "other" => Lang.T("其他", "other"),
        _ => platform,
    };

    /// <summary>An inbox file's kind (the contract's names), "-" for none.</summary>
    public static string FileKind(string kind) => kind switch
    {
        "chats" => Lang.T("聊天记录", "chats"),
        "orders" => Lang.T("订单", "orders"),
        "agents" => Lang.T("客服名册", "agents"),
        "courses" => Lang.T("课程", "courses"),
        "training" => Lang.T("培训记录", "training"),
        "ratings" => Lang.T("评价", "ratings"),
        "agent_report" or "agent_reports" or "agent-reports" => Lang.T("客服报表", "agent reports"),
        _ => kind,
    };

    /// <summary>What became of an inbox file (FileOutcome).</summary>
    public static string FileOutcome(string outcome) => outcome switch
    {
        CsKpi.Etl.FileOutcome.Loaded => Lang.T("已导入", "loaded"),
        CsKpi.Etl.FileOutcome.Rejected => Lang.T("整份拒绝", "rejected"),
        CsKpi.Etl.FileOutcome.AlreadyLoaded => Lang.T("已导入过（内容相同，未读取）", "already loaded (same content, not read)"),
        CsKpi.Etl.FileOutcome.Skipped => Lang.T("跳过（非约定文件）", "skipped (not a contract file)"),
        _ => outcome,
    };

    /// <summary>The SQL sandbox's refusal in the viewer's language; DuckDB's own words, where they are the reason,
    /// are the detail the page shows beside it as DuckDB wrote them.</summary>
    public static string SqlRefusal(SqlSandboxException refused) => refused.Reason switch
    {
        "empty" => Lang.T("查询为空：请写一条 SELECT 语句。", "The query is empty; write one SELECT statement."),
        "no_snapshot" => Lang.T("分析快照尚未生成：每次导入新数据后会自动生成，也可运行 cskpi snapshot 立即生成。",
            "There is no analyst snapshot yet. It is written after each ingest that loads something; cskpi snapshot writes one now."),
        "time_limit" => Lang.T($"查询超过 {refused.Detail} 秒的时限，已停止。请缩小范围（更短的日期、更少的列、先汇总）后再试。",
            $"The query ran past the time limit of {refused.Detail} s and was stopped. Narrow it (a shorter date range, fewer columns, an aggregate) and run it again."),
        "not_a_query" => Lang.T($"这里只能运行查询（SELECT、WITH、FROM、DESCRIBE、SHOW、SUMMARIZE），{refused.Detail} 语句会被拒绝：分析快照只读，沙箱不做任何修改。",
            $"Only queries can run here (SELECT, WITH, FROM, DESCRIBE, SHOW, SUMMARIZE); {refused.Detail} statements are refused: the analyst snapshot is read-only and this sandbox changes nothing."),
        "parse" => Lang.T("查询无法解析（SQL 语法有误）。", "The query does not parse."),
        "statements" => Lang.T($"一次只能运行一条语句；这段文字有 {refused.Detail} 条。", $"Run one statement at a time; this text holds {refused.Detail}."),
        "permission" => Lang.T("SQL 沙箱不能访问文件、网络或扩展，设置也已锁定。", "The SQL sandbox cannot reach files, the network or extensions, and its settings are locked."),
        "locked" => Lang.T("沙箱的设置已锁定，不能修改。", "The sandbox's settings are locked and cannot be changed."),
        "out_of_memory" => Lang.T("查询所需内存超过沙箱上限。请先汇总、筛选或少选几列，不要构造超大的字符串或列表。",
            "The query needs more memory than the sandbox allows. Aggregate, filter or select fewer columns, and build no huge strings or lists."),
        "row_too_big" when refused.Detail?.Split('|') is [var row, var kb, var column] => Lang.T(
            $"第 {row} 行超过 {kb} KB（{column} 列）；沙箱只交回不超过这个大小的行。请少选或截短一些值，例如 left(column, 1000)。",
            $"Row {row} holds more than {kb} KB (column {column}); the sandbox hands over rows of at most that size. Select fewer or shorter values, e.g. left(column, 1000)."),
        "duckdb" => Lang.T("DuckDB 无法执行该查询。", "DuckDB could not run the query."),
        "lost" => Lang.T("查询进程意外结束（多半是内存不足）。", "The query's process ended before its answer (almost always memory)."),
        _ => refused.Message,
    };

    /// <summary>DuckDB's own words behind a refusal, shown as DuckDB wrote them; null when the refusal is the sandbox's alone.</summary>
    public static string? SqlRefusalDetail(SqlSandboxException refused) =>
        refused.Reason is "parse" or "duckdb" or "permission" or "locked" or "out_of_memory" or "lost" ? refused.Detail : null;

    /// <summary>A comment of the warehouse's data dictionary ("中文 — English"): the part in the viewer's language.
    /// A comment in one language only is shown whole.</summary>
    public static string Comment(string? comment)
    {
        if (string.IsNullOrEmpty(comment))
        {
            return "";
        }

        // One language only: shown to its readers; the other language's readers have the column's name.
        var parts = comment.Split(" — ", 2);
        var chinese = parts[0].Any(IsHan);
        return parts.Length == 2 && chinese ? Lang.T(parts[0], English(parts[1]))
            : chinese ? Lang.T(comment, "")
            : Lang.T("", English(comment));
    }

    /// <summary>An English comment as an English page shows it: without the Chinese glosses in brackets (the export's
    /// column names, for the Chinese reader, who has the Chinese part), and the tools and words it names in English.</summary>
    private static string English(string text)
    {
        text = ChineseGloss().Replace(text, "");
        foreach (var (chinese, english) in Glossary)
        {
            text = text.Replace(chinese, english, StringComparison.Ordinal);
        }

        return text;
    }

    private static readonly (string Chinese, string English)[] Glossary =
    [
        ("朵朵云:小A", "Duoduoyun:XiaoA"), ("赤兔", "Chitu"), ("千牛", "Qianniu"), ("拼多多", "Pinduoduo"), ("咚咚", "Dongdong"), ("客服数据", "agent data"),
        ("子账号", "sub-account"), ("店铺", "store"), ("未登记", "unregistered"), ("售前", "pre-sales"), ("售后", "after-sales"),
        ("日期", "date"), ("周一", "Monday"), ("周日", "Sunday"),
    ];

    [System.Text.RegularExpressions.GeneratedRegex(@"\s*[(（][^()（）]*\p{IsCJKUnifiedIdeographs}[^()（）]*[)）]")]
    private static partial System.Text.RegularExpressions.Regex ChineseGloss();

    private static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff';
}
