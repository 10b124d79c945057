using System.Globalization;
using System.Text.Json;
using CsKpi.Warehouse.Career;

namespace CsKpi.Web.Site;

/// <summary>
/// The half review's explanation in the viewer's language. The career engine stores each criterion as a code with its
/// values (<see cref="ReviewCriterion.Args"/>) and each proposal as its action and numbers; this words them. The English
/// rule, note and summary the engine also stores are cskpi's, for the command line.
/// </summary>
public static class CareerWords
{
    /// <summary>The criterion as a rule: what must hold, with its levels and thresholds.</summary>
    public static string Rule(ReviewCriterion c)
    {
        var a = Args(c);
        var next = Text(a, "next_level");
        var threshold = Number(c.Threshold);
        return c.Criterion switch
        {
            "scored_months" => Lang.T("半年内有接待的月份 ≥ 1", "months of the half with a reception ≥ 1"),
            "next_level" => Lang.T($"阶梯中 {Text(a, "level")} 之上还有等级", $"a level above {Text(a, "level")} in the ladder"),
            "months_at_level" => Lang.T($"升 {next} 需在 {Text(a, "level")} 满 {threshold} 个月", $"months at {Text(a, "level")} ≥ {threshold} for {next}"),
            "avg_score" => Lang.T($"升 {next} 需平均分 ≥ {threshold}", $"avg ≥ {threshold} for {next}"),
            "min_score" => Lang.T($"升 {next} 需最低月分 ≥ {threshold}", $"min ≥ {threshold} for {next}"),
            "courses" => Lang.T($"升 {next} 所需课程在 {Text(a, "on")} 均已通过且有效", $"courses required up to {next} passed and valid on {Text(a, "on")}"),
            "coefficient_band" => Band(a),
            "warning_avg" => Lang.T($"平均分 < {threshold} 时预警", $"no warning unless avg < {threshold}"),
            "warning_two_halves" => Lang.T($"本半年与上半年平均分均 < {threshold} 时预警", $"no warning unless avg < {threshold} in this half and the one before"),
            _ => c.Criterion,
        };
    }

    /// <summary>What explains the verdict (the months scored, the missing courses, the clamp); empty when nothing does.</summary>
    public static string Note(ReviewCriterion c)
    {
        var a = Args(c);
        switch (c.Criterion)
        {
            case "scored_months":
                return Text(a, "months") is { Length: > 0 } months
                    ? Lang.T("计分月份：", "scored: ") + months
                    : Lang.T("半年内没有一个月有接待：无从评审", "no month of the half had a reception: nothing to judge");
            case "next_level":
                return Text(a, "next_level") is { Length: > 0 } next
                    ? Lang.T("下一级：", "next: ") + next
                    : Lang.T($"{Text(a, "level")} 已是最高一级", $"{Text(a, "level")} is the top of the ladder");
            case "courses" when a is { } args && args.TryGetProperty("missing", out var missing) && missing.ValueKind == JsonValueKind.Array:
                var courses = missing.EnumerateArray().Select(m =>
                {
                    var expired = Text(m, "expired");
                    return $"{Text(m, "course_id")} {Text(m, "title")}"
                           + (expired.Length > 0 ? Lang.T($"（{expired} 已过期）", $" (expired {expired})") : "");
                });
                return Lang.T("缺：", "missing: ") + string.Join(Lang.T("；", "; "), courses);
            case "coefficient_band":
                var from = Coefficient(Double(a, "coefficient"));
                var to = Coefficient(Double(a, "proposed_coefficient"));
                return Bool(a, "promote")
                    ? Lang.T($"晋升：系数从 {Text(a, "proposed_level")} 的最低值 {to} 起", $"promoted: the coefficient starts at {Text(a, "proposed_level")}'s minimum {to}")
                    : Lang.T($"{from} → {to}，限于 {Coefficient(Double(a, "coefficient_min"))}–{Coefficient(Double(a, "coefficient_max"))}",
                        $"{from} → {to}, clamped to {Coefficient(Double(a, "coefficient_min"))}–{Coefficient(Double(a, "coefficient_max"))}");
            case "warning_two_halves":
                var none = Lang.T("无", "none");
                return Lang.T($"本半年 {Number(Double(a, "avg_score"), none)}，上半年 {Number(Double(a, "previous_avg_score"), none)}",
                    $"this half {Number(Double(a, "avg_score"), none)}, the half before {Number(Double(a, "previous_avg_score"), none)}");
            default:
                return "";
        }
    }

    /// <summary>The proposal in one line: the level and coefficient it moves to, and the warning.</summary>
    public static string Summary(ReviewProposal p)
    {
        var coefficient = p.Coefficient.ToString("0.00", CultureInfo.CurrentCulture);
        var proposed = p.ProposedCoefficient.ToString("0.00", CultureInfo.CurrentCulture);
        var line = p.Action switch
        {
            "promote" => Lang.T($"晋升 {p.Level} → {p.ProposedLevel}，系数 {coefficient} → {proposed}", $"promote {p.Level} → {p.ProposedLevel}, coefficient {coefficient} → {proposed}"),
            "unchanged" => Lang.T($"系数保持 {coefficient}", $"coefficient unchanged at {coefficient}"),
            _ => Lang.T($"系数 {coefficient} → {proposed}", $"coefficient {coefficient} → {proposed}"),
        };
        return p.IsWarning ? line + Lang.T("；降级预警", "; demotion warning") : line;
    }

    /// <summary>The review's refusals and the decision's, in the viewer's language; null for any other error.</summary>
    public static string? Refusal(Exception e) => e switch
    {
        HalfNotEndedException h => Lang.T(
            $"{h.Half} 尚未结束（{Lang.Date(h.Half.Start)} 至 {Lang.Date(h.Half.End)}），{Lang.Date(h.Half.DayAfter)} 起可以评审。",
            $"{h.Half} has not ended yet (it runs {Lang.Date(h.Half.Start)} to {Lang.Date(h.Half.End)}); its review can run from {Lang.Date(h.Half.DayAfter)}."),
        ProposalDecidedException d => Lang.T(
            $"建议 {d.Proposal.ProposalId}（{d.Proposal.AgentId}，{d.Proposal.Half}）已由 {d.Proposal.DecidedBy} 于 {d.Proposal.DecidedAt:yyyy-MM-dd HH:mm} {Status(d.Proposal.Status)}；决定不可更改，未做任何改动。如需调整，请手工修改等级或系数。",
            $"proposal {d.Proposal.ProposalId} ({d.Proposal.AgentId}, {d.Proposal.Half}) was {Status(d.Proposal.Status)} by {d.Proposal.DecidedBy} on {d.Proposal.DecidedAt:yyyy-MM-dd HH:mm}; a decision is final, so nothing was changed. Change the level or coefficient by hand if it must move."),
        CareerRefusal r => r.Reason switch
        {
            "nothing_to_change" => Lang.T("请给出新等级、新系数或两者；未做任何改动。", "Give a new level, a new coefficient or both; nothing was changed."),
            "unknown_agent" => Lang.T($"花名册在 {Day(r.Day)} 没有客服 {r.AgentId}；请先导入含该客服的花名册。", $"No roster names the agent {r.AgentId} on {Day(r.Day)}; load a roster with the agent first."),
            "no_level" => Lang.T($"花名册在 {Day(r.Day)} 没有写 {r.AgentId} 的等级；请同时给出等级。", $"The roster names no level for {r.AgentId} on {Day(r.Day)}; give the level too."),
            "unknown_level" => Lang.T($"{r.Level} 不是 {Day(r.Day)} 起生效的职级阶梯中的等级。", $"{r.Level} is not a level of the ladder in force on {Day(r.Day)}."),
            "coefficient_out_of_range" => Lang.T($"系数 {r.Coefficient} 超出 {r.Level} 的范围 {r.Min}–{r.Max}；未做任何改动。", $"Coefficient {r.Coefficient} is outside {r.Level}'s range {r.Min}–{r.Max}; nothing was changed."),
            "no_user" => Lang.T("请说明由谁决定：审计日志记录每次修改的操作人。", "Say who decides: the audit log records every change's author."),
            "no_reason" => Lang.T("请填写意见说明原因：审计日志会与修改一同记录。", "Give a comment saying why: the audit log records it with the change."),
            "no_proposal" => Lang.T("请至少选择一条建议。", "Choose at least one proposal to decide."),
            "unknown_proposal" => Lang.T($"没有编号为 {string.Join("、", r.ProposalIds)} 的建议；评审重新运行后可能已被替换，请重新列出建议。",
                $"No proposal has the number {string.Join(", ", r.ProposalIds)}; a rerun of the review may have replaced it, list the proposals again."),
            _ => null,
        },
        _ => null,
    };

    private static string Day(DateOnly? day) => day is { } d ? Lang.Date(d) : "";

    /// <summary>An audit entry's action (app.audit_log.action).</summary>
    public static string AuditAction(string action) => action switch
    {
        "approve" => Lang.T("批准", "approve"),
        "reject" => Lang.T("驳回", "reject"),
        "manual_change" => Lang.T("手工调整", "manual change"),
        _ => action,
    };

    /// <summary>What an audit entry changed, from its values: the sealed log keeps cskpi's English sentence, the page
    /// says it from the action and the proposal (the levels and coefficients are their own columns).</summary>
    public static string AuditWhat(AuditEntry a) => a.Action switch
    {
        "approve" or "reject" when a.ProposalId is { } id => Lang.T($"评审建议 {id}", $"review proposal {id}"),
        "manual_change" => Lang.T("手工调整等级与系数", "manual change of level and coefficient"),
        _ => a.What,
    };

    public static string Status(string status) => status switch
    {
        "pending" => Lang.T("待定", "pending"),
        "approved" => Lang.T("已批准", "approved"),
        "rejected" => Lang.T("已驳回", "rejected"),
        _ => status,
    };

    private static string Band(JsonElement? a)
    {
        if (!Bool(a, "band"))
        {
            return Lang.T("无平均分，不调整", "no average, no step");
        }

        var from = Double(a, "band_from") is { } f ? Number(f) + " ≤ " : "";
        var below = Double(a, "band_below") is { } b ? " < " + Number(b) : "";
        var step = Double(a, "step") ?? 0;
        var signed = (step >= 0 ? "+" : "") + Number(step);
        return Lang.T($"{from}平均分{below} → {signed}", $"{from}avg{below} → {signed}");
    }

    private static JsonElement? Args(ReviewCriterion c) =>
        string.IsNullOrEmpty(c.Args) ? null : JsonDocument.Parse(c.Args).RootElement.Clone();

    private static string Text(JsonElement? a, string name) =>
        a is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : v.GetRawText()
            : "";

    private static double? Double(JsonElement? a, string name) =>
        a is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static bool Bool(JsonElement? a, string name) =>
        a is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    private static string Coefficient(double? value) => value?.ToString("0.00", CultureInfo.CurrentCulture) ?? "—";

    private static string Number(double? value, string empty = "—") => value?.ToString("0.##", CultureInfo.CurrentCulture) ?? empty;
}
