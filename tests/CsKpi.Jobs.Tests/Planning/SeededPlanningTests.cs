using CsKpi.Jobs.Tests.Support;
using CsKpi.Warehouse;
using CsKpi.Warehouse.Planning;
using Dapper;

namespace CsKpi.Jobs.Tests.Planning;

/// <summary>A seeded inbox (six agents, five days) ingested by <c>cskpi ingest</c>, shared by <see cref="SeededPlanningTests"/> (and OneAgentMacroTests).</summary>
public sealed class SeededWarehouse : IDisposable
{
    public SeededWarehouse()
    {
        Warehouse = WarehouseDatabase.Open(new WarehouseOptions(Bed.Warehouse));
        using var connection = Warehouse.OpenConnection();
        (First, Last) = connection.QuerySingle<(DateOnly, DateOnly)>("select min(business_day), max(business_day) from core.fct_reception");
    }

    /// <summary>A copy of the run's loaded bed (<see cref="CliTestBed.Loaded"/>): the same seed and ingest, done once per run.</summary>
    public CliTestBed Bed { get; } = CliTestBed.Loaded();
    public WarehouseDatabase Warehouse { get; }
    public DateOnly First { get; }
    public DateOnly Last { get; }

    public void Dispose()
    {
        Warehouse.Dispose();
        Bed.Dispose();
    }
}

/// <summary>The four planning tools on seeded data: they run, and what they return holds together.</summary>
public sealed class SeededPlanningTests(SeededWarehouse seeded) : IClassFixture<SeededWarehouse>
{
    private readonly WarehouseDatabase warehouse = seeded.Warehouse;

    private T Scalar<T>(string sql, object? parameters = null)
    {
        using var connection = warehouse.OpenConnection();
        return connection.ExecuteScalar<T>(sql, parameters)!;
    }

    [Fact]
    public void Every_agent_of_the_week_is_sampled_by_the_rules_and_a_rerun_changes_nothing()
    {
        var monday = seeded.First.AddDays(-(((int)seeded.First.DayOfWeek + 6) % 7));
        var first = ChatSamplingJob.Run(warehouse, monday);
        var sample = ChatReviews.Sample(warehouse, monday);
        var again = ChatSamplingJob.Run(warehouse, monday);

        var week = new { monday = monday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) };
        var agents = Scalar<long>("""
            select count(distinct agent_id) from core.fct_reception
            where is_received and business_day between $monday::date and $monday::date + 6
            """, week);
        Assert.True(agents > 0);
        Assert.Equal((int)agents, first.AgentsSampled);
        Assert.Equal(sample.Count, first.SampleSize);
        Assert.Equal(0, again.Picked);
        Assert.Equal(sample, ChatReviews.Sample(warehouse, monday));
        // no answered reception left out of an agent's sample is slower than one picked as slowest
        Assert.Equal(0L, Scalar<long>("""
            with slowest as (
                select agent_id, min(reason_value) as picked from app.review_sample
                where week_start = $monday::date and reason = 'slowest' group by agent_id
            )
            select count(*)
            from core.fct_reception as r
            join slowest as s using (agent_id)
            anti join app.review_sample as p on p.consultation_key = r.consultation_key
            where r.is_received and r.answered_questions > 0 and r.business_day between $monday::date and $monday::date + 6
              and r.response_seconds / r.answered_questions > s.picked
            """, week));
    }

    [Fact]
    public void A_sampled_conversation_holds_every_message_of_its_reception_and_hides_the_buyer()
    {
        var monday = seeded.First.AddDays(-(((int)seeded.First.DayOfWeek + 6) % 7));
        ChatSamplingJob.Run(warehouse, monday);
        var sampled = ChatReviews.Sample(warehouse, monday)[0];

        var conversation = ChatReviews.Load(warehouse, sampled.ConsultationKey);

        var (buyer, counted) = (Scalar<string>("select buyer_id from core.fct_reception where consultation_key = $key", new { key = sampled.ConsultationKey }),
            Scalar<long>("select buyer_messages + agent_messages + auto_messages from core.fct_reception where consultation_key = $key",
                new { key = sampled.ConsultationKey }));
        Assert.Equal(counted, conversation.Messages.Count(m => m.Sender != "system"));
        Assert.Equal(sampled.Buyer, conversation.Buyer);
        Assert.All(conversation.Messages, m => Assert.DoesNotContain(buyer, m.Content ?? "", StringComparison.Ordinal));
        Assert.Equal(conversation.Messages.OrderBy(m => m.SentAt).Select(m => m.SentAt), conversation.Messages.Select(m => m.SentAt));
    }

    [Fact]
    public void Staffing_what_if_and_diagnosis_answer_from_history()
    {
        var plan = StaffingPlanner.Plan(warehouse, new StaffingRequest(2_000_000m));
        var agent = Scalar<string>("""
            select agent_id from marts.kpi_agent_daily where inquiry_buyers > 0 and sales_buyers > 0
            order by agent_id limit 1
            """);
        var scenario = RevenueHistory.Agent(warehouse, agent, seeded.First, seeded.Last);
        var diagnosis = KpiDiagnostics.ForAgent(warehouse, agent, seeded.First, seeded.Last);

        Assert.True(plan.Headcount.Agents > 0);
        Assert.Equal(Scalar<DateOnly>("select max(business_day) from marts.kpi_store_daily"), plan.To);
        Assert.Equal(24, plan.Hourly!.Hours.Count);
        Assert.True(plan.Hourly.PeakAgents > 0);
        Assert.True(scenario.DailySales > 0);
        Assert.Equal(9, diagnosis.Findings.Count);
        Assert.All(diagnosis.Weak, f => Assert.False(string.IsNullOrEmpty(f.Causes)));
    }
}
