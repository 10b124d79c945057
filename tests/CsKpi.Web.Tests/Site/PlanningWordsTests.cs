using System.Globalization;
using CsKpi.Warehouse.Planning;
using CsKpi.Web.Site;

namespace CsKpi.Web.Tests.Site;

/// <summary>
/// Every planning refusal code the warehouse throws is worded by the site in both languages, with its values and in
/// one language only: a new code without words would fall back to cskpi's English on a Chinese page.
/// </summary>
public sealed class PlanningWordsTests
{
    private static readonly DateOnly From = new(2026, 3, 1);
    private static readonly DateOnly To = new(2026, 3, 31);

    /// <summary>One refusal of each kind, as the warehouse raises it (data: store S1, agent A7, team 一组, label 王五 (A7)).</summary>
    public static IEnumerable<object[]> Reasons() => Refusals().Select(r => new object[] { r.Reason });

    private static IEnumerable<PlanningException> Refusals() =>
    [
        new("x", "setting_not_number") { Setting = "chat_concurrency", Store = "S1", Day = To, Value = "三" },
        new("x", "setting_not_whole_hours") { Setting = "shift_hours", Store = "S1", Day = To, Value = "2.5" },
        new("x", "no_history_for_input") { Input = "max_receptions", Store = "S1", From = From, To = To },
        new("x", "history_lacks_input") { Input = "conversion", Store = "S1", From = From, To = To },
        new("x", "no_store_yet") { Store = "S9" },
        new("x", "unknown_store") { Store = "S9", Stores = ["S1", "S2"] },
        new("x", "no_data"),
        new("x", "choose_store") { Stores = ["S1", "S2"] },
        new("x", "no_scenario_history") { Subject = "agent", Agent = "A7", From = From, To = To },
        new("x", "scenario_without_inquiries") { Label = "王五 (A7)", From = From, To = To },
        new("x", "scenario_without_sales") { Label = "王五 (A7)", From = From, To = To },
        new("x", "no_kpis") { Subject = "team", Team = "一组", Store = "S1", From = From, To = To },
        new("x", "no_card_for_role") { Subject = "agent", Agent = "A7", Role = "aftersale", To = To },
        new("x", "unknown_reception") { Key = 42 },
        new("x", "not_sampled") { Key = 42 },
        new("x", "no_rubric") { Store = "S1", Day = To },
    ];

    [Theory]
    [MemberData(nameof(Reasons))]
    public void Each_refusal_is_worded_in_chinese_and_in_english_with_its_values(string reason)
    {
        var refusal = Refusals().Single(r => r.Reason == reason);
        string[] data = ["王五 (A7)", "一组", "三"];

        var chinese = In("zh-CN", () => PlanningWords.Refusal(refusal));
        var english = In("en-US", () => PlanningWords.Refusal(refusal));

        Assert.NotNull(chinese);
        Assert.NotNull(english);
        Assert.NotEqual("x", chinese);
        Assert.Empty(LanguageWalkTests.EnglishLeaks(chinese!, data));
        Assert.Empty(LanguageWalkTests.ChineseLeaks(english!, data));
        foreach (var value in new[] { refusal.Store, refusal.Agent, refusal.Team, refusal.Label, refusal.Value, refusal.Key?.ToString(CultureInfo.InvariantCulture) }
            .Concat(refusal.Stores).OfType<string>())
        {
            Assert.Contains(value, chinese, StringComparison.Ordinal);
            Assert.Contains(value, english, StringComparison.Ordinal);
        }

        if (refusal.From is { } from)
        {
            Assert.Contains("2026-03-01", chinese, StringComparison.Ordinal);
            Assert.Contains("1 Mar 2026", english, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_unknown_code_is_not_worded_so_the_page_never_guesses()
    {
        Assert.Null(In("zh-CN", () => PlanningWords.Refusal(new PlanningException("x", "no_such_reason"))));
        Assert.Equal("x", In("zh-CN", () => PlanningWords.Say(new PlanningException("x", "no_such_reason"))));
    }

    [Fact]
    public void The_planner_s_input_checks_are_worded_by_the_input_they_name()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => HeadcountFormula.Estimate(1000m,
            StaffingInput.Typed(0m), StaffingInput.Typed(0.3m), StaffingInput.Typed(0.5m), StaffingInput.Typed(300m)));

        Assert.Equal("客单价是 0，须大于 0 元。", In("zh-CN", () => PlanningWords.Refusal(error)));
        Assert.Equal("The AOV is 0; it must be more than 0 yuan.", In("en-US", () => PlanningWords.Refusal(error)));
    }

    private static T In<T>(string culture, Func<T> say)
    {
        var (ui, format) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            return say();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, format);
        }
    }
}
