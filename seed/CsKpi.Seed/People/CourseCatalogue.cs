namespace CsKpi.Seed.People;

public sealed record Course(string CourseId, string Title, string Category, int PassScore, int? ValidMonths, string RequiredForLevel, decimal Hours);

/// <summary>
/// The training catalogue over career.md's eight categories. Every course is required for some level, so the
/// completion matrix, junior certification and promotion checks have something to check.
/// </summary>
public static class CourseCatalogue
{
    public static readonly IReadOnlyList<Course> Courses =
    [
        new("P01", "产品基础知识", "product", 60, null, "L1", 6),
        new("P02", "核心单品卖点精讲", "product", 70, null, "L2", 4),
        new("P03", "搭配与关联推荐", "product", 70, null, "L3", 3),
        new("T01", "千牛工作台入门", "tools", 60, null, "L1", 2),
        new("T02", "快捷短语与自动回复设置", "tools", 60, null, "L1", 1.5m),
        new("T03", "ERP订单处理", "tools", 70, null, "L2", 3),
        new("S01", "售前接待话术", "scripts", 70, null, "L1", 4),
        new("S02", "催付话术与时机", "scripts", 70, null, "L2", 2),
        new("S03", "高客单价销售技巧", "scripts", 75, null, "L3", 3),
        new("S04", "售后安抚与挽回话术", "scripts", 70, null, "L3", 2.5m),
        new("G01", "仓储物流与发货时效", "logistics", 60, null, "L1", 2),
        new("G02", "异常件与破损处理", "logistics", 70, null, "L3", 2),
        new("M01", "店铺活动与优惠规则", "promotions", 70, 6, "L2", 2),
        new("M02", "大促玩法（双11/618）", "promotions", 70, 12, "L3", 3),
        new("C01", "公司制度与考勤", "policy", 60, null, "L1", 1),
        new("C02", "信息安全与隐私保护", "policy", 80, 12, "L1", 1),
        new("R01", "淘宝平台规则", "platform_rules", 80, 12, "L1", 3),
        new("R02", "退款与纠纷处理", "platform_rules", 80, 12, "L2", 3),
        new("R03", "虚假发货与违规处罚", "platform_rules", 80, 12, "L3", 2),
        new("X01", "职业心态与情绪管理", "mindset", 60, null, "L1", 2),
        new("X02", "团队协作与沟通", "mindset", 60, null, "L3", 2),
        new("X03", "带教与辅导新人", "mindset", 70, null, "L4", 3),
        new("X04", "团队管理基础", "mindset", 70, null, "L4", 4),
        new("X05", "数据分析与复盘", "tools", 70, null, "L5", 4),
    ];
}
