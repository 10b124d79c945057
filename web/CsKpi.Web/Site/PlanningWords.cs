using System.Globalization;
using CsKpi.Warehouse.Planning;

namespace CsKpi.Web.Site;

/// <summary>
/// The planning refusals in the viewer's language. The planner, the what-if, the reviews and the diagnosis refuse with
/// a <see cref="PlanningException"/> whose <see cref="PlanningException.Reason"/> is a code with its values, and the
/// formulas refuse an input out of range by its name (<see cref="HeadcountFormula"/>, <see cref="RevenueComparison"/>);
/// their English messages are cskpi's, for the command line.
/// </summary>
public static class PlanningWords
{
    /// <summary>The refusal worded for the page; null for an error that is not one (the caller shows its own words).</summary>
    public static string? Refusal(Exception e) => e switch
    {
        PlanningException p => Planning(p),
        ArgumentOutOfRangeException { ParamName: "target sales" or "aov" or "cs share" or "conversion" or "max receptions" } r =>
            OutOfRange(r.ParamName!.Replace(' ', '_'), r.ActualValue),
        ArgumentOutOfRangeException { ParamName: "baseline", ActualValue: RevenueScenario s } => Lang.T(
            $"{s.Label}：日接待和客单价须为 0 或以上，转化率须在 0 % 到 100 % 之间。",
            $"{s.Label}: receptions a day and AOV are 0 or more, conversion is from 0 % to 100 %."),
        ArgumentOutOfRangeException { ParamName: "grossMargin" } => Lang.T("毛利率须在 0 % 到 100 % 之间。", "The gross margin is from 0 % to 100 %."),
        ArgumentException { ParamName: "monthlyCost" } => Lang.T(
            "回本天数用毛利比较成本：客服月成本须为 0 元或以上，并请同时填写毛利率。",
            "A payback compares the cost with profit: the monthly cost is 0 yuan or more, and the gross margin must be given too."),
        _ => null,
    };

    /// <summary>The refusal worded, else the error's own message (the page's own errors are worded already).</summary>
    public static string Say(Exception e) => Refusal(e) ?? e.Message;

    private static string? Planning(PlanningException p) => p.Reason switch
    {
        "setting_not_number" => Lang.T(
            $"店铺 {p.Store} 在 {Day(p.Day)} 的规划设置“{Setting(p.Setting)}”是“{p.Value ?? "空"}”，不是数字；请管理员在 app.planning_setting 中改正。",
            $"The planning setting '{Setting(p.Setting)}' of store {p.Store} on {Day(p.Day)} is '{p.Value ?? "missing"}', not a number; an admin corrects it in app.planning_setting."),
        "setting_not_whole_hours" => Lang.T(
            $"店铺 {p.Store} 在 {Day(p.Day)} 的规划设置“{Setting(p.Setting)}”是 {p.Value}，不是 1 到 24 之间的整数小时；请管理员在 app.planning_setting 中改正。",
            $"The planning setting '{Setting(p.Setting)}' of store {p.Store} on {Day(p.Day)} is {p.Value}, not a whole number of hours from 1 to 24; an admin corrects it in app.planning_setting."),
        "no_history_for_input" => p.Store is null
            ? Lang.T($"没有任何店铺的历史可取{Input(p.Input)}；请填写它，或先导入数据。",
                $"There is no history of any store to take the {Input(p.Input)} from; type it, or load data first.")
            : Lang.T($"店铺 {p.Store} 在 {Window(p)} 没有历史数据可取{Input(p.Input)}；请填写它，或选择有数据的周期。",
                $"Store {p.Store} has no history in {Window(p)} to take the {Input(p.Input)} from; type it, or choose a period with data."),
        "history_lacks_input" => Lang.T(
            $"店铺 {p.Store} 在 {Window(p)} 的历史得不出{Input(p.Input)}；请填写它，或选择其他周期。",
            $"The history of store {p.Store} in {Window(p)} gives no {Input(p.Input)}; type it, or choose another period."),
        "no_store_yet" => Lang.T($"仓库里还没有店铺，也就没有 {p.Store}；请先导入数据。", $"The warehouse holds no store yet, so not {p.Store}; load data first."),
        "unknown_store" => Lang.T($"仓库里没有店铺 {p.Store}；现有店铺：{string.Join("、", p.Stores)}。",
            $"The warehouse holds no store {p.Store}; it holds {string.Join(", ", p.Stores)}."),
        "no_data" => Lang.T("仓库里还没有可取输入的数据；请填写全部输入，或先导入数据。",
            "The warehouse holds no data to take inputs from; type every input, or load data first."),
        "choose_store" => Lang.T($"仓库里有 {p.Stores.Count} 个店铺，请选择一个：{string.Join("、", p.Stores)}。",
            $"The warehouse holds {p.Stores.Count} stores; choose one: {string.Join(", ", p.Stores)}."),
        "no_scenario_history" => p.Subject switch
        {
            "agent" => Lang.T($"客服 {p.Agent} 在 {Window(p)} 没有历史数据；请选择其他周期，或输入方案数值。",
                $"Agent {p.Agent} has no history in {Window(p)}; choose another period or type the scenario."),
            "team" => Lang.T($"店铺 {p.Store} 的小组 {p.Team} 在 {Window(p)} 没有历史数据；请选择其他周期，或输入方案数值。",
                $"Team {p.Team} of store {p.Store} has no history in {Window(p)}; choose another period or type the scenario."),
            _ => Lang.T($"店铺 {p.Store} 的小组 {p.Team} 在 {Window(p)} 没有一位有销售的客服；请选择其他周期，或输入方案数值。",
                $"No agent of team {p.Team} of store {p.Store} has sales in {Window(p)}; choose another period or type the scenario."),
        },
        "scenario_without_inquiries" => Lang.T($"{p.Label} 在 {Window(p)} 没有询单，无法从历史得出转化率和客单价；请输入方案数值。",
            $"{p.Label} has no inquiries in {Window(p)}, so neither conversion nor AOV can be taken from history; type the scenario."),
        "scenario_without_sales" => Lang.T($"{p.Label} 在 {Window(p)} 没有销售，无法从历史得出转化率和客单价；请输入方案数值。",
            $"{p.Label} has no sales in {Window(p)}, so neither conversion nor AOV can be taken from history; type the scenario."),
        "no_kpis" => p.Subject == "team"
            ? Lang.T($"店铺 {p.Store} 的小组 {p.Team} 在 {Window(p)} 没有 KPI；请选择该小组有工作的周期。",
                $"Team {p.Team} of store {p.Store} has no KPIs in {Window(p)}; choose a period it worked in.")
            : Lang.T($"客服 {p.Agent} 在 {Window(p)} 没有 KPI；请选择该客服有工作的周期。",
                $"Agent {p.Agent} has no KPIs in {Window(p)}; choose a period they worked in."),
        "no_card_for_role" => Lang.T(
            $"客服 {p.Agent} 的岗位（{Words.AgentRole(p.Role)}）在 {Day(p.To)} 没有生效的考核卡，店铺也没有自己的 KPI 标准，无从诊断；请为该岗位添加考核卡。",
            $"Agent {p.Agent}'s role ({Words.AgentRole(p.Role)}) has no scorecard in force on {Day(p.To)} and the store sets no KPI standards of its own, so there is nothing to diagnose against; add a card for the role."),
        "unknown_reception" => Lang.T($"没有编号为 {p.Key} 的接待；它可能已被过滤或重算掉。",
            $"No reception has the number {p.Key}; it may have been filtered or recomputed away."),
        "not_sampled" => Lang.T($"接待 {p.Key} 不在任何一周的抽检样本中；只有抽中的接待才能质检。",
            $"Reception {p.Key} is in no week's sample; only sampled receptions are reviewed."),
        "no_rubric" => Lang.T($"店铺 {p.Store} 在 {Day(p.Day)} 没有生效的质检评分表；请先添加一份（默认评分表适用于所有店铺）。",
            $"No review rubric is in force for store {p.Store} on {Day(p.Day)}; add one first (the default rubric serves every store)."),
        _ => null,
    };

    /// <summary>A formula's input out of its range: what it must be.</summary>
    private static string OutOfRange(string input, object? value)
    {
        var shown = value is decimal d
            ? (input is "cs_share" or "conversion" ? (d * 100).ToString("0.##", CultureInfo.CurrentCulture) + " %" : d.ToString("0.##", CultureInfo.CurrentCulture))
            : Convert.ToString(value, CultureInfo.CurrentCulture);
        var must = input switch
        {
            "target_sales" or "aov" => Lang.T("须大于 0 元", "must be more than 0 yuan"),
            "cs_share" or "conversion" => Lang.T("须大于 0 % 且不超过 100 %", "must be above 0 % and at most 100 %"),
            _ => Lang.T("须大于 0", "must be more than 0"),
        };
        return Lang.T($"{Input(input)}是 {shown}，{must}。", $"The {Input(input)} is {shown}; it {must}.");
    }

    /// <summary>A planning input by its code, as the form names it.</summary>
    public static string Input(string? input) => input switch
    {
        "target_sales" => Lang.T("目标销售额", "target sales"),
        "aov" => Lang.T("客单价", "AOV"),
        "cs_share" => Lang.T("客服销售占比", "CS share"),
        "conversion" => Lang.T("询单转化率", "conversion"),
        "max_receptions" => Lang.T("每人每天最大接待量", "max receptions per agent a day"),
        _ => input ?? "",
    };

    /// <summary>A planning setting (app.planning_setting.code) by its name.</summary>
    public static string Setting(string? code) => code switch
    {
        "shift_hours" => Lang.T("班次时长（小时）", "shift length (hours)"),
        "chat_concurrency" => Lang.T("每人同时接待数", "chats an agent carries at once"),
        "service_level" => Lang.T("服务水平目标", "service level target"),
        "answer_seconds" => Lang.T("应答时限（秒）", "answer target (seconds)"),
        _ => code ?? "",
    };

    private static string Day(DateOnly? day) => day is { } d ? Lang.Date(d) : "";

    private static string Window(PlanningException p) => Lang.T($"{Day(p.From)} 至 {Day(p.To)}", $"{Day(p.From)} – {Day(p.To)}");
}
