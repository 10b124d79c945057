using System.Globalization;
using System.Text;

namespace CsKpi.Jobs.Tests.Career;

/// <summary>
/// Issue 16: a store without chat logs, whose only KPI input is one 赤兔 售前 download per month, gets monthly
/// scorecards, a half-year review proposal and bonuses. Agent m (L1 at 0.90 since 2025-07-01) has the same report every
/// month of 2026H1: 接待 1000, 询单 100 → 50 paid (50%), 客单价 200 on 销售额 10000 (50 buyers), 回复率 95%, 平均响应
/// 30 s, 首次响应 20 s. Scored on the default items (cap 1.15; sum targets × days / 30):
/// final_conversion 0.5 / 0.5 → 25; aov 200 / 200 → 15; reply_rate 0.95 → 9.5; first_response_seconds 20 / 20 → 10;
/// avg_response_seconds 30 / 30 → 10; sales_amount 15 × 10000 / (100000 × d / 30) = 45 / d; qa_ratio, assist_buyers
/// and satisfaction_rate no report carries → 0. A month totals 69.5 + 45 / d.
/// </summary>
public sealed class ReportOnlyReviewTests : IDisposable
{
    private readonly CareerBed career = new();

    public void Dispose() => career.Dispose();

    [Fact]
    public void A_store_with_only_monthly_reports_gets_scorecards_a_half_year_proposal_and_bonuses()
    {
        career.Agent("m", "2025-07-01", "L1", "0.90").Load();
        var folder = Path.Combine(career.Bed.Inbox, CareerBed.Store);
        Directory.CreateDirectory(folder);
        for (var month = 1; month <= 6; month++)
        {
            var first = new DateOnly(2026, month, 1);
            var last = first.AddMonths(1).AddDays(-1);
            // the ledger skips a file whose bytes it has seen: the months differ in 邮费总额, a figure no metric reads
            var name = string.Create(CultureInfo.InvariantCulture, $"售前绩效_{first:yyyy-MM-dd}至{last:yyyy-MM-dd}.csv");
            File.WriteAllText(Path.Combine(folder, name),
                "客服,接待人数,询单人数,询单->最终付款人数,询单->最终付款成功率,客单价,销售额,客服回复率,平均响应时间,首次响应时间,邮费总额\n"
                + string.Create(CultureInfo.InvariantCulture, $"m,1000,100,50,50%,200,10000,95%,0:00:30,20,{month}\n"),
                new UTF8Encoding(false));
        }

        career.Bed.Ingest();

        double Total(int days) => 69.5 + 45.0 / days;
        var days = new[] { 31, 28, 31, 30, 31, 30 };
        var totals = career.Bed.Rows("select month, total from marts.scorecard_monthly where agent_id = 'm' order by month")
            .Select(r => (Month: (string)r["month"]!, Total: Convert.ToDouble(r["total"], CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"], totals.Select(t => t.Month));
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(Total(days[i]), totals[i].Total, 8);
        }

        // June's bonus: L1's base 1000 × 0.90 × 71.0 / 100
        var bonus = career.Bed.Single("select bonus from marts.bonus_monthly where agent_id = 'm' and month = '2026-06'");
        Assert.Equal(639.00m, (decimal)bonus["bonus"]!);

        career.Review("2026H1");
        var proposal = career.Proposal("2026H1", "m");
        // six received months, each only a monthly report; avg 70.99…, min 70.95… (January): fair, no change
        Assert.Equal(6, proposal.ScoredMonths);
        Assert.Equal(days.Average(d => Total(d)), proposal.AvgScore!.Value, 8);
        Assert.Equal(Total(31), proposal.MinScore!.Value, 8);
        Assert.Equal("unchanged", proposal.Action);
    }
}
