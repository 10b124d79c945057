using CsKpi.Seed.Output;
using CsKpi.Seed.Tests.Support;
using Xunit.Abstractions;
using static CsKpi.Seed.Tests.Support.Db;

namespace CsKpi.Seed.Tests;

/// <summary>
/// One store of 20 agents over 60 days from 2026-06-01 (6·18 inside), no bad rows, read back with DuckDB, plus two
/// derived tables: each order's final state, and each consultation (store, buyer, agent, day with a buyer message,
/// metrics.md) with its first buyer message, first reply, and whether every buyer message was an ad.
/// </summary>
public sealed class ShapeRun : SeedRunFixture
{
    public ShapeRun() : base("shape", d => new SeedOptions
    {
        OutputDirectory = d,
        Agents = 20,
        Days = 60,
        Start = new DateOnly(2026, 6, 1),
        Stores = 1,
        Seed = 42,
        Format = FileFormat.Parquet,
        Parallelism = 2,
    })
    {
        // The newest state of each order; on a tie the updates file wins (it was exported later).
        Db.Execute("""
            CREATE TABLE final_orders AS
            SELECT * EXCLUDE (rn) FROM (
                SELECT *, row_number() OVER (PARTITION BY store_id, order_id ORDER BY updated_at DESC, file LIKE '%updates%' DESC) AS rn
                FROM run.orders)
            WHERE rn = 1
            """);
        Db.Execute($"""
            CREATE TABLE consultations AS
            WITH c AS (
                SELECT store_id, buyer_id, agent_id, sent_at::DATE AS day,
                       min(sent_at) FILTER (WHERE sender = 'buyer') AS first_buyer,
                       max(sent_at) FILTER (WHERE sender = 'buyer') AS last_buyer,
                       max(sent_at) FILTER (WHERE sender = 'agent') AS last_agent,
                       bool_and(coalesce(regexp_matches(content, {Lit(Spec.AdPattern)}), false)) FILTER (WHERE sender = 'buyer') AS ad,
                       bool_and(content IS NULL) FILTER (WHERE sender = 'buyer') AS no_text
                FROM run.chats GROUP BY ALL
                HAVING count(*) FILTER (WHERE sender = 'buyer') > 0)
            SELECT c.*, (SELECT min(m.sent_at) FROM run.chats m
                         WHERE m.store_id = c.store_id AND m.buyer_id = c.buyer_id AND m.agent_id = c.agent_id
                           AND m.sender = 'agent' AND m.sent_at >= c.first_buyer AND m.sent_at::DATE = c.day) AS first_reply
            FROM c
            """);
    }
}

/// <summary>
/// Whether the synthetic store looks like a store: numbers a customer-service manager would recognise, in ranges
/// wide enough for any seed but narrow enough that a broken generator (no silent orders, no campaign, a flat day,
/// identical agents) fails. Each test prints what it measured.
/// </summary>
public sealed class ShapeTests(ShapeRun run, ITestOutputHelper output) : IClassFixture<ShapeRun>
{
    private double Measure(string name, string sql)
    {
        var value = run.Db.Double(sql);
        output.WriteLine($"{name} = {value:0.####}");
        return value;
    }

    private static void InRange(string name, double value, double low, double high) =>
        Assert.True(value >= low && value <= high, $"{name} = {value:0.####}, expected {low}–{high}");

    [Fact]
    public void The_larger_run_conforms_to_the_contract_too()
    {
        // Leavers, joiners, a supervisor and a campaign day are only in this run; the contract checks cover them here.
        foreach (var kind in Spec.Kinds)
        {
            var wrong = run.Db.Rows($"SELECT file, line, contract_errors, sanity_errors FROM {run.Run.All(kind.Name)} " +
                                    "WHERE len(contract_errors) > 0 OR len(sanity_errors) > 0 LIMIT 10");
            Assert.True(wrong.Count == 0, $"{kind.Name}:\n{Show(wrong)}");
        }

        Assert.Empty(run.Run.Manifest.BadRows);
    }

    [Fact]
    public void Most_paid_orders_are_silent_but_far_from_all()
    {
        // 静默下单: the buyer never wrote to the store's customer service.
        var share = Measure("silent share of paid orders", """
            SELECT avg(CASE WHEN b.buyer_id IS NULL THEN 1.0 ELSE 0.0 END)
            FROM final_orders o LEFT JOIN (SELECT DISTINCT store_id, buyer_id FROM run.chats WHERE sender = 'buyer') b USING (store_id, buyer_id)
            WHERE o.paid_at IS NOT NULL
            """);
        InRange("silent share", share, 0.45, 0.75);
    }

    [Fact]
    public void A_few_consultations_are_ads_that_the_default_filter_catches()
    {
        var share = Measure("ad share of consultations", "SELECT avg(CASE WHEN ad THEN 1.0 ELSE 0.0 END) FROM consultations");
        InRange("ad share", share, 0.005, 0.08);
        var noText = Measure("picture-only share of consultations", "SELECT avg(CASE WHEN no_text THEN 1.0 ELSE 0.0 END) FROM consultations");
        InRange("picture-only share", noText, 0.002, 0.05);
    }

    [Fact]
    public void The_618_campaign_day_is_a_peak()
    {
        var ratio = Measure("buyer messages on 6·18 / median day", """
            WITH d AS (SELECT sent_at::DATE AS day, count(*) AS n FROM run.chats WHERE sender = 'buyer' GROUP BY 1)
            SELECT (SELECT n FROM d WHERE day = DATE '2026-06-18') / median(n) FROM d
            """);
        Assert.True(ratio >= 2.5, $"6·18 carries {ratio:0.00}× the median day");
        var eve = Measure("6·17 / median day", """
            WITH d AS (SELECT sent_at::DATE AS day, count(*) AS n FROM run.chats WHERE sender = 'buyer' GROUP BY 1)
            SELECT (SELECT n FROM d WHERE day = DATE '2026-06-17') / median(n) FROM d
            """);
        InRange("6·17 (eve)", eve, 1.1, ratio);
    }

    [Fact]
    public void Buyers_write_in_the_day_and_evening_not_at_night()
    {
        var evening = Measure("share of buyer messages 20:00–23:59", "SELECT avg(CASE WHEN hour(sent_at) BETWEEN 20 AND 23 THEN 1.0 ELSE 0.0 END) FROM run.chats WHERE sender = 'buyer'");
        var night = Measure("share of buyer messages 02:00–05:59", "SELECT avg(CASE WHEN hour(sent_at) BETWEEN 2 AND 5 THEN 1.0 ELSE 0.0 END) FROM run.chats WHERE sender = 'buyer'");
        Assert.True(night > 0, "nobody writes at night at all");
        Assert.True(evening > 10 * night, $"evening {evening:P1} vs night {night:P1}");
        var peak = (int)Measure("peak hour", "SELECT arg_max(h, n) FROM (SELECT hour(sent_at) AS h, count(*) AS n FROM run.chats WHERE sender = 'buyer' GROUP BY 1)");
        Assert.Contains(peak, new[] { 10, 11, 20, 21, 22 });
    }

    [Fact]
    public void Agents_differ_in_how_fast_they_answer()
    {
        var agents = run.Db.Rows("""
            SELECT c.agent_id, count(*) AS receptions, avg(epoch(first_reply) - epoch(first_buyer)) AS mean_first_response
            FROM consultations c
            WHERE NOT ad AND NOT no_text AND first_reply IS NOT NULL
              AND c.agent_id IN (SELECT agent_id FROM run.agents WHERE role = 'presale')
            GROUP BY 1 HAVING count(*) >= 300 ORDER BY 3
            """);
        foreach (var a in agents)
        {
            output.WriteLine($"{a[0]}: {a[1]} receptions, mean first response {(double)a[2]!:0.0} s");
        }

        Assert.True(agents.Count >= 8, $"only {agents.Count} presale agents with 300+ answered receptions");
        var best = (double)agents[0][2]!;
        var worst = (double)agents[^1][2]!;
        output.WriteLine($"worst / best mean first response = {worst / best:0.00}");
        Assert.True(worst >= 1.5 * best, $"best {best:0.0} s, worst {worst:0.0} s");
        InRange("best mean first response (s)", best, 3, 60);
        InRange("worst mean first response (s)", worst, 10, 300);
    }

    [Fact]
    public void Ratings_are_mostly_good_and_worse_after_an_unanswered_question()
    {
        var mean = Measure("mean rating", "SELECT avg(score) FROM run.ratings");
        InRange("mean rating", mean, 4.0, 4.9);
        // The buyer's consultation with that agent that the rating follows, unanswered when no agent message came after
        // the buyer's first (the last buyer message often goes unanswered by design: "好的，谢谢").
        var split = run.Db.Rows("""
            WITH r AS (
                SELECT r.score, c.first_reply IS NULL AS unanswered,
                       row_number() OVER (PARTITION BY r.file, r.line ORDER BY c.first_buyer DESC) AS rn
                FROM run.ratings r JOIN consultations c
                  ON c.store_id = r.store_id AND c.buyer_id = r.buyer_id AND c.agent_id = r.agent_id AND c.first_buyer <= r.rated_at)
            SELECT unanswered, avg(score), count(*) FROM r WHERE rn = 1 GROUP BY 1 ORDER BY 1
            """);
        Assert.Equal(2, split.Count);
        var answered = (double)split[0][1]!;
        var unanswered = (double)split[1][1]!;
        output.WriteLine($"mean rating answered = {answered:0.00} ({split[0][2]}), unanswered = {unanswered:0.00} ({split[1][2]})");
        Assert.True((long)split[1][2]! >= 20, "too few ratings after an unanswered consultation to compare");
        Assert.True(unanswered < answered - 1, $"answered {answered:0.00}, unanswered {unanswered:0.00}");
        Assert.True(run.Db.Count("SELECT count(*) FROM run.ratings WHERE score <= 2") > 0);
    }

    [Fact]
    public void Orders_are_mostly_paid_some_late_some_refunded_at_a_plausible_basket()
    {
        var paid = Measure("paid share of orders", "SELECT avg(CASE WHEN paid_at IS NOT NULL THEN 1.0 ELSE 0.0 END) FROM final_orders");
        InRange("paid share", paid, 0.80, 0.97);
        var refunded = Measure("refunded share of paid orders", "SELECT avg(CASE WHEN refund_amount > 0 THEN 1.0 ELSE 0.0 END) FROM final_orders WHERE paid_at IS NOT NULL");
        InRange("refunded share", refunded, 0.01, 0.15);
        var partial = Measure("partial refunds among refunds", "SELECT avg(CASE WHEN refund_amount < amount THEN 1.0 ELSE 0.0 END) FROM final_orders WHERE refund_amount > 0");
        InRange("partial refunds", partial, 0.1, 0.9);
        var late = Measure("paid more than 8 h after the order", "SELECT avg(CASE WHEN paid_at - created_at > INTERVAL 8 HOUR THEN 1.0 ELSE 0.0 END) FROM final_orders WHERE paid_at IS NOT NULL");
        InRange("late payments", late, 0.03, 0.3);
        var aov = Measure("AOV (yuan per paid order)", "SELECT sum(amount) / count(*) FROM final_orders WHERE paid_at IS NOT NULL");
        InRange("AOV", aov, 120, 400);
        var items = Measure("items per paid order", "SELECT avg(items) FROM final_orders WHERE paid_at IS NOT NULL");
        InRange("items per order", items, 1.1, 3);
        Measure("paid orders", "SELECT count(*) FROM final_orders WHERE paid_at IS NOT NULL");
        Measure("chat messages", "SELECT count(*) FROM run.chats");
    }

    [Fact]
    public void The_roster_looks_like_a_customer_service_department()
    {
        var db = run.Db;
        Assert.Equal(["aftersale", "both", "presale"], db.Rows("SELECT DISTINCT role FROM run.agents ORDER BY 1").Select(r => (string)r[0]!));
        var teams = Measure("teams", "SELECT count(DISTINCT team) FROM run.agents");
        Assert.True(teams >= 3);
        var span = Measure("hire dates span (days)", "SELECT max(hired_on) - min(hired_on) FROM run.agents");
        Assert.True(span > 730);
        Assert.Equal(["L1", "L2", "L3", "L4", "L5"], db.Rows("SELECT DISTINCT level FROM run.agents WHERE level IS NOT NULL ORDER BY 1").Select(r => (string)r[0]!));
        // Levels follow tenure: new agents are L1, team leads (L4) and the supervisor (L5) have served longest.
        var tenure = db.Rows("""
            SELECT level, avg(DATE '2026-06-01' - hired_on) FROM run.agents
            WHERE level IS NOT NULL AND file = 'agents_2026-06-01.parquet' GROUP BY 1 ORDER BY 1
            """).ToDictionary(r => (string)r[0]!, r => (double)r[1]!);
        output.WriteLine("mean tenure by level (days): " + string.Join(", ", tenure.Select(t => $"{t.Key} {t.Value:0}")));
        Assert.True(tenure["L1"] < tenure["L3"] && tenure["L3"] < tenure["L4"], "tenure does not grow with level");
        Assert.Equal(1, db.Count("SELECT count(DISTINCT agent_id) FROM run.agents WHERE level = 'L5'"));
        // Someone leaves during the period and someone joins.
        Assert.True(db.Count("SELECT count(DISTINCT agent_id) FROM run.agents WHERE left_on IS NOT NULL") >= 1);
        Assert.True(db.Count("SELECT count(DISTINCT agent_id) FROM run.agents WHERE hired_on >= DATE '2026-06-01'") >= 1);
    }

    [Fact]
    public void Training_has_every_state_failures_and_expired_passes()
    {
        var db = run.Db;
        Assert.Equal(["completed", "in_progress", "planned"], db.Rows("SELECT DISTINCT status FROM run.training ORDER BY 1").Select(r => (string)r[0]!));
        var failed = Measure("failed share of completions", """
            SELECT avg(CASE WHEN t.score < c.pass_score THEN 1.0 ELSE 0.0 END)
            FROM run.training t JOIN run.courses c USING (course_id) WHERE t.status = 'completed'
            """);
        InRange("failed share", failed, 0.02, 0.5);
        // The newest pass of each agent and course with a validity: expired when older than valid_months at the end.
        var passes = db.Rows("""
            WITH p AS (
                SELECT t.agent_id, t.course_id, max(t.event_on) AS passed_on, any_value(c.valid_months) AS months
                FROM run.training t JOIN run.courses c USING (course_id)
                WHERE t.status = 'completed' AND t.score >= c.pass_score AND c.valid_months IS NOT NULL
                GROUP BY 1, 2)
            SELECT count(*) FILTER (WHERE passed_on + to_months(months::INTEGER) < DATE '2026-07-31'), count(*) FROM p
            """)[0];
        output.WriteLine($"expired passes = {passes[0]} of {passes[1]}");
        Assert.True((long)passes[0]! > 0, "no pass has expired");
        Assert.True((long)passes[0]! < (long)passes[1]!, "every pass has expired");
    }

    [Fact]
    public void Update_files_carry_late_payments_and_refunds()
    {
        var db = run.Db;
        var files = db.Count("SELECT count(DISTINCT file) FROM run.orders WHERE file LIKE '%updates%'");
        Assert.True(files >= 1);
        var refunds = db.Count("SELECT count(*) FROM run.orders WHERE file LIKE '%updates%' AND status = 'refunded'");
        var latePaid = db.Count("""
            SELECT count(*) FROM run.orders u JOIN run.orders m ON m.order_id = u.order_id AND m.file NOT LIKE '%updates%'
            WHERE u.file LIKE '%updates%' AND m.paid_at IS NULL AND u.paid_at IS NOT NULL
            """);
        output.WriteLine($"update files {files}: {refunds} refunds, {latePaid} late payments of exported orders");
        Assert.True(refunds > 0);
        Assert.True(latePaid > 0);
    }
}
