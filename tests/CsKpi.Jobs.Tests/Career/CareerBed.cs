using System.Globalization;
using CsKpi.Warehouse.Career;
using CsKpi.Warehouse.Tests.Marts;
using Dapper;

namespace CsKpi.Jobs.Tests.Career;

/// <summary>
/// The career fixtures on the mart test bed: a roster, a course catalogue and training events ingested through the real
/// ETL, one real reception per agent per scored month (a buyer writes, the agent answers), and then each month's
/// scorecard total set by hand, so the review's arithmetic is worked on the totals written here. The scorecard
/// itself is tested in Marts/RankingAndScorecardTests.
/// </summary>
public sealed class CareerBed : IDisposable
{
    public const string Store = "S";

    private readonly List<string> roster = [];
    private readonly List<string> chats = [];
    private readonly List<string> ratings = [];
    private readonly List<string> courses = [];
    private readonly List<string> training = [];
    private readonly List<(string Agent, string Month, double Total)> totals = [];

    public MartBed Bed { get; } = new();

    /// <summary>An agent on the roster from <paramref name="hiredOn"/>, at a level and coefficient, described that day.</summary>
    public CareerBed Agent(string agent, string hiredOn, string level, string coefficient, string team = "一组")
    {
        roster.Add($"{agent},{agent}名,{Store},{team},presale,{hiredOn},,{level},{coefficient},,{hiredOn}");
        return this;
    }

    /// <summary>Months with a reception and their scorecard totals, from <paramref name="firstMonth"/> on (yyyy-MM).</summary>
    public CareerBed Scores(string agent, string firstMonth, params double[] monthTotals)
    {
        var month = DateOnly.ParseExact(firstMonth + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var total in monthTotals)
        {
            var day = month.AddDays(9).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var buyer = $"b-{agent}-{day}";
            chats.Add($"{buyer}-1,{Store},{buyer},{agent},buyer,{day} 10:00:00,在吗");
            chats.Add($"{buyer}-2,{Store},{buyer},{agent},agent,{day} 10:00:10,在的亲");
            totals.Add((agent, month.ToString("yyyy-MM", CultureInfo.InvariantCulture), total));
            month = month.AddMonths(1);
        }

        return this;
    }

    /// <summary>A month in which the agent only got a rating: a scorecard row, but no reception.</summary>
    public CareerBed RatingOnly(string agent, string month, double total)
    {
        ratings.Add($"{Store},r-{agent}-{month},{agent},{month}-12 12:00:00,5,好");
        totals.Add((agent, month, total));
        return this;
    }

    public CareerBed Course(string courseId, string category, int passScore, string validMonths, string requiredForLevel)
    {
        courses.Add($"{courseId},课程{courseId},{category},{passScore},{validMonths},{requiredForLevel},2");
        return this;
    }

    /// <summary>A completion with a score, or another status (planned, in_progress) with an empty score.</summary>
    public CareerBed Event(string agent, string courseId, string day, int? score, string status = "completed")
    {
        training.Add($"{agent},{courseId},{status},{day},{score?.ToString(CultureInfo.InvariantCulture)},张老师");
        return this;
    }

    /// <summary>
    /// Two L1 agents at 0.90 since 2025-07-01: p, who passed C1 (L1) and C3 (L2) and scored 90 each month of 2026H1, so
    /// is promoted; and <paramref name="other"/>, untrained, with <paramref name="totals"/> from 2026-01.
    /// </summary>
    public CareerBed PromotableAnd(string other, params double[] totals) =>
        Course("C1", "product", 60, "", "L1").Course("C3", "scripts", 70, "", "L2")
            .Agent("p", "2025-07-01", "L1", "0.90").Agent(other, "2025-07-01", "L1", "0.90")
            .Event("p", "C1", "2025-08-01", 90).Event("p", "C3", "2025-08-02", 90)
            .Scores("p", "2026-01", 90, 90, 90, 90, 90, 90)
            .Scores(other, "2026-01", totals);

    /// <summary>Ingests everything written so far, then sets the scorecard totals.</summary>
    public CareerBed Load()
    {
        foreach (var (write, lines) in new (Func<string[], string>, List<string>)[]
                 {
                     (Bed.Agents, roster), (Bed.Courses, courses), (Bed.Training, training), (Bed.Chats, chats), (Bed.Ratings, ratings),
                 })
        {
            if (lines.Count > 0)
            {
                write([.. lines]);
                lines.Clear();
            }
        }

        Bed.Ingest();
        using var connection = Bed.Warehouse.OpenConnection();
        foreach (var (agent, month, total) in totals)
        {
            var updated = connection.Execute(
                "update marts.scorecard_monthly set total = $total where agent_id = $agent and month = $month", new { total, agent, month });
            Assert.True(updated == 1, $"{agent} has no scorecard in {month}");
        }

        totals.Clear();
        return this;
    }

    /// <summary>Sets one scorecard item of a month (actual and target), for the weak-KPI recommendations.</summary>
    public void Item(string agent, string month, string metric, double actual, double target, string direction)
    {
        using var connection = Bed.Warehouse.OpenConnection();
        connection.Execute("""
            update marts.scorecard_monthly
            set items = list_append(list_filter(items, i -> i.metric <> $metric),
                                    {'metric': $metric, 'weight': 10.0, 'target': $target, 'direction': $direction, 'actual': $actual, 'score': 0.0})
            where agent_id = $agent and month = $month
            """, new { agent, month, metric, actual, target, direction });
    }

    public HalfReviewResult Review(string half) => HalfReview.Run(Bed.Warehouse, HalfYear.Parse(half), new DateOnly(2026, 11, 23));

    public ReviewProposal Proposal(string half, string agent) =>
        HalfReview.Proposals(Bed.Warehouse, new ProposalFilter(Half: half, AgentId: agent)).Single();

    public static ReviewCriterion Criterion(ReviewProposal proposal, string criterion) =>
        proposal.Criteria.Single(c => c.Criterion == criterion);

    public void Dispose() => Bed.Dispose();
}
