using System.Globalization;
using System.Text;
using CsKpi.Etl;
using CsKpi.Tests.Shared;
using CsKpi.Warehouse;
using Dapper;

namespace CsKpi.Warehouse.Tests.Marts;

/// <summary>
/// A warehouse and an inbox for hand-worked mart fixtures: write small contract files (CSV text), ingest them the way
/// <c>cskpi ingest</c> does (load, then the incremental recompute), and read mart rows back.
/// </summary>
public sealed class MartBed : IDisposable
{
    public const string ChatHeader = "message_id,store_id,buyer_id,agent_id,sender,sent_at,content";
    public const string OrderHeader = "order_id,store_id,buyer_id,created_at,paid_at,amount,items,status,refund_amount,refunded_at,updated_at";
    public const string AgentHeader = "agent_id,name,store_id,team,role,hired_on,left_on,level,coefficient,monthly_cost,as_of";
    public const string RatingHeader = "store_id,buyer_id,agent_id,rated_at,score,comment";
    public const string CourseHeader = "course_id,title,category,pass_score,valid_months,required_for_level,hours";
    public const string TrainingHeader = "agent_id,course_id,status,event_on,score,assessor";

    private int files;

    public MartBed()
    {
        Root = Path.Combine(Path.GetTempPath(), "cskpi-marts-" + Guid.NewGuid().ToString("N"));
        Inbox = Path.Combine(Root, "inbox");
        Directory.CreateDirectory(Inbox);
        // A copy of the run's migrated template (tests/Shared/WarehouseTemplate.cs): what a first open would create.
        Warehouse = WarehouseTemplate.Open(Path.Combine(Root, "cskpi.duckdb"));
    }

    public string Root { get; }
    public string Inbox { get; }
    public WarehouseDatabase Warehouse { get; }
    public MartIngest? LastIngest { get; private set; }

    /// <summary>Writes one inbox file of a kind (chats, orders, agents, ratings, courses, training) with the header and the given lines.</summary>
    public string Write(string kind, string header, params string[] lines)
    {
        var name = $"{kind}_{++files:D3}.csv";
        File.WriteAllText(Path.Combine(Inbox, name), header + "\n" + string.Join("\n", lines) + "\n", new UTF8Encoding(false));
        return name;
    }

    public string Chats(params string[] lines) => Write("chats", ChatHeader, lines);
    public string Orders(params string[] lines) => Write("orders", OrderHeader, lines);
    public string Agents(params string[] lines) => Write("agents", AgentHeader, lines);
    public string Ratings(params string[] lines) => Write("ratings", RatingHeader, lines);
    public string Courses(params string[] lines) => Write("courses", CourseHeader, lines);
    public string Training(params string[] lines) => Write("training", TrainingHeader, lines);

    /// <summary>
    /// Loads every new file and recomputes what they touched, the two halves of <c>cskpi ingest</c> (the ETL's load, then
    /// the marts' incremental recompute); fails the test on a rejected row or a failed check.
    /// </summary>
    public MartIngest Ingest()
    {
        var files = new InboxLoader(Warehouse, new EtlOptions { Inbox = Inbox }).IngestInbox();
        foreach (var file in files)
        {
            Assert.True(file.Rejected == 0 && file.Outcome is FileOutcome.Loaded or FileOutcome.AlreadyLoaded,
                $"{file.File}: {file.Outcome} {file.Reason}, {file.Rejected} rejected");
        }

        var recompute = MartRecompute.Incremental(Warehouse);
        Assert.True(recompute.Failures.Count == 0, "checks failed: " + string.Join("; ", recompute.Failures));
        LastIngest = new MartIngest(files, recompute);
        return LastIngest;
    }

    /// <summary>
    /// Sets a setting (metrics.md's code) from a business day on, for one store or every store (*), stamping
    /// <c>changed_at</c> with now even when the version exists, the way a settings page must: an edit that kept the old
    /// <c>changed_at</c> would be invisible to the incremental recompute.
    /// </summary>
    public void Setting(string code, string value, string effectiveFrom, string store = "*")
    {
        using var connection = Warehouse.OpenConnection();
        connection.Execute(
            """
            insert into app.setting (store_id, code, value, effective_from) values ($store, $code, $value, cast($day as date))
            on conflict (store_id, code, effective_from) do update set value = excluded.value, changed_at = current_localtimestamp()
            """,
            new { store, code, value, day = effectiveFrom });
    }

    public RecomputeReport RecomputeFull()
    {
        var report = MartRecompute.Full(Warehouse);
        Assert.True(report.Failures.Count == 0, "checks failed: " + string.Join("; ", report.Failures));
        return report;
    }

    public RecomputeReport RecomputeIncremental()
    {
        var report = MartRecompute.Incremental(Warehouse);
        Assert.True(report.Failures.Count == 0, "checks failed: " + string.Join("; ", report.Failures));
        return report;
    }

    /// <summary>The kpi_agent_daily row of an agent on a day, by column name; fails when there is none.</summary>
    public IReadOnlyDictionary<string, object?> Agent(string agentId, string day) => Single(
        "select * from marts.kpi_agent_daily where agent_id = $agentId and business_day = cast($day as date)", new { agentId, day });

    public IReadOnlyDictionary<string, object?> Team(string team, string day) => Single(
        "select * from marts.kpi_team_daily where team = $team and business_day = cast($day as date)", new { team, day });

    public IReadOnlyDictionary<string, object?> Store(string store, string day) => Single(
        "select * from marts.kpi_store_daily where store_id = $store and business_day = cast($day as date)", new { store, day });

    public IReadOnlyDictionary<string, object?> Single(string sql, object? parameters = null)
    {
        var rows = Rows(sql, parameters);
        Assert.True(rows.Count == 1, $"expected one row, got {rows.Count}: {sql}");
        return rows[0];
    }

    public List<IReadOnlyDictionary<string, object?>> Rows(string sql, object? parameters = null)
    {
        using var connection = Warehouse.OpenConnection();
        return connection.Query(sql, parameters)
            .Select(row => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>((IDictionary<string, object?>)row))
            .ToList();
    }

    public T Scalar<T>(string sql, object? parameters = null)
    {
        using var connection = Warehouse.OpenConnection();
        return connection.ExecuteScalar<T>(sql, parameters)!;
    }

    /// <summary>A number of a row as a double (counts, money and ratios alike); null stays null.</summary>
    public static double? Number(IReadOnlyDictionary<string, object?> row, string column) =>
        row[column] is null ? null : Convert.ToDouble(row[column], CultureInfo.InvariantCulture);

    /// <summary>
    /// The trace of one order under one attribution rule (core.fct_order_credit); times and days as text
    /// (<c>2026-03-02 10:01:00</c>, <c>2026-03-02</c>) so a test compares them as written.
    /// </summary>
    public IReadOnlyDictionary<string, object?> Credit(string orderId, string rule) => Single(
        """
        select store_id, order_id, rule, in_force, agent_id, basis, message_key,
               cast(message_at as varchar) as message_at, cast(message_day as varchar) as message_day,
               cast(window_from as varchar) as window_from, cast(window_to as varchar) as window_to
        from core.fct_order_credit where order_id = $orderId and rule = $rule
        """, new { orderId, rule });

    /// <summary>How many kpi_agent_daily rows an agent has on a day (0 or 1).</summary>
    public long AgentRows(string agentId, string day) => Scalar<long>(
        "select count(*) from marts.kpi_agent_daily where agent_id = $agentId and business_day = cast($day as date)", new { agentId, day });

    /// <summary>The filter reason of a consultation (core.fct_reception); null for a reception.</summary>
    public string? FilterReason(string agentId, string buyerId, string day) => (string?)Single(
        "select filter_reason from core.fct_reception where agent_id = $agentId and buyer_id = $buyerId and business_day = cast($day as date)",
        new { agentId, buyerId, day })["filter_reason"];

    public void Dispose()
    {
        Warehouse.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine; the temp folder is cleaned by the OS eventually.
        }
    }
}

/// <summary>What <see cref="MartBed.Ingest"/> did: the loader's report of each file and the recompute after it.</summary>
public sealed record MartIngest(IReadOnlyList<FileLoadReport> Files, RecomputeReport Recompute);
