using CsKpi.Etl;
using CsKpi.Seed.Generation;
using CsKpi.Seed.Tests.Support;
using CsKpi.Warehouse;
using Dapper;

namespace CsKpi.Seed.Tests;

/// <summary>
/// One small run with reports, loaded by the real ETL (<see cref="InboxLoader"/>) into a fresh warehouse: two stores
/// over a month boundary, the first with chats and reports, the second with reports only. And the same run with the
/// second store's chats written, to show a report-only store reports what it would have chatted.
/// </summary>
public sealed class ReportRun : IDisposable
{
    private readonly TempDirectory _temp = new("reports");

    public ReportRun()
    {
        Options = new SeedOptions
        {
            OutputDirectory = _temp.Sub("inbox"),
            Agents = 8,
            Days = 16,
            Start = new DateOnly(2026, 1, 24),
            Stores = 2,
            Seed = 16,
            Parallelism = 2,
            Reports = true,
            ReportOnlyStores = 1,
        };
        Manifest = SeedRun.Run(Options);
        WithChats = _temp.Sub("with-chats");
        SeedRun.Run(Options with { OutputDirectory = WithChats, ReportOnlyStores = 0 });
        Warehouse = WarehouseDatabase.Open(new WarehouseOptions(Path.Combine(_temp.Path, "cskpi.duckdb")));
        Loads = new InboxLoader(Warehouse, new EtlOptions { Inbox = Options.OutputDirectory }).IngestInbox();
    }

    public SeedOptions Options { get; }
    public SeedManifest Manifest { get; }
    public string WithChats { get; }
    public WarehouseDatabase Warehouse { get; }
    public IReadOnlyList<FileLoadReport> Loads { get; }

    public List<T> Query<T>(string sql, object? parameters = null)
    {
        using var connection = Warehouse.OpenConnection();
        return connection.Query<T>(sql, parameters).ToList();
    }

    public void Dispose()
    {
        Warehouse.Dispose();
        _temp.Dispose();
    }
}

public sealed class ReportTests(ReportRun run) : IClassFixture<ReportRun>
{
    private const string ChatStore = "朵朵云旗舰店";
    private const string ReportOnlyStore = "暖居家纺专营店";

    private static string LayoutOf(string file) => Path.GetFileName(file) switch
    {
        var n when n.StartsWith("售前绩效_", StringComparison.Ordinal) => "chitu-presale",
        var n when n.StartsWith("客服工作量_", StringComparison.Ordinal) => "chitu-workload",
        var n when n.StartsWith("客服数据_", StringComparison.Ordinal) => "service-data",
        var n when n.StartsWith("遵时率_", StringComparison.Ordinal) => "chitu-attendance",
        var n => throw new InvalidDataException($"not a report: {n}"),
    };

    [Fact]
    public void Every_agent_report_loads_through_the_inbox_loader_with_its_layout_and_no_rejects()
    {
        var reports = run.Manifest.Files.Where(f => f.Kind == "agent_report").ToList();
        // Two stores × (16 days + 2 months) × 4 reports; each month's daily files and its month file.
        Assert.Equal(2 * 18 * 4, reports.Count);
        foreach (var file in reports)
        {
            var load = Assert.Single(run.Loads, l => l.File == file.Name);
            Assert.True(load.Outcome == FileOutcome.Loaded, $"{file.Name}: {load.Outcome} {load.Reason}");
            Assert.Equal(("agent_report", LayoutOf(file.Name)), (load.Kind, load.Layout));
            Assert.Equal((file.Rows, file.Rows, 0L), (load.Read, load.Loaded, load.Rejected));
        }

        // The store comes from the file's sub-folder, the period from its name.
        Assert.Equal([ChatStore, ReportOnlyStore], run.Query<string>("select distinct store_id from raw.agent_report order by store_id desc"));
        Assert.Equal(16 + 2, run.Query<long>("select count(distinct (period_from, period_to)) from raw.agent_report").Single());
        Assert.Equal([(new DateTime(2026, 1, 24), new DateTime(2026, 1, 31)), (new DateTime(2026, 2, 1), new DateTime(2026, 2, 8))],
            run.Query<(DateTime, DateTime)>("select distinct period_from, period_to from raw.agent_report where period_from < period_to order by 1"));
    }

    [Fact]
    public void Every_other_file_of_the_run_loads_too_and_the_report_only_store_has_no_chats()
    {
        Assert.All(run.Loads, l => Assert.True(l.Outcome == FileOutcome.Loaded && l.Rejected == 0, $"{l.File}: {l.Outcome} {l.Rejected} {l.Reason}"));
        Assert.Equal([ChatStore], run.Query<string>("select distinct store_id from raw.chat_message"));
        Assert.Equal([ChatStore, ReportOnlyStore], run.Query<string>("select distinct store_id from raw.order_state order by store_id desc"));
        Assert.DoesNotContain(run.Manifest.Files, f => f.Kind is "chats" or "ratings" && f.Name.EndsWith("_s02.csv", StringComparison.Ordinal));
    }

    private sealed record AgentDayFigures(string Agent, DateTime Day, long Consulted, long Received, long BuyerMessages, long AgentMessages, long Unreplied);

    /// <summary>
    /// Per agent and calendar day, from the chats as loaded: consultations ((agent, buyer) pairs in which the buyer
    /// wrote), receptions (those whose buyer wrote something other than an ad, PhraseBank.Spam, or only pictures),
    /// the messages of receptions, and receptions that no agent message followed.
    /// </summary>
    private static readonly string Spam = "[" + string.Join(", ", PhraseBank.Spam.Select(s => "'" + s.Replace("'", "''") + "'")) + "]";

    private List<AgentDayFigures> FromChats() => run.Query<AgentDayFigures>($$"""
        with messages as (
            select *, cast(sent_at as date) as day,
                sender = 'buyer' and content is not null and not list_contains({{Spam}}, content) as is_real
            from raw.chat_message where store_id = $store
        ),
        pairs as (
            select agent_id, buyer_id, day,
                count(*) filter (where sender = 'buyer') as buyer_messages,
                count(*) filter (where sender = 'agent') as agent_messages,
                bool_or(is_real) as is_received,
                -- answered: an agent message after a buyer message of the pair
                max(sent_at) filter (where sender = 'agent') > min(sent_at) filter (where sender = 'buyer') as is_replied
            from messages group by all
            having count(*) filter (where sender = 'buyer') > 0
        )
        select agent_id as Agent, cast(day as timestamp) as Day, count(*) as Consulted, count(*) filter (where is_received) as Received,
            cast(coalesce(sum(buyer_messages) filter (where is_received), 0) as bigint) as BuyerMessages,
            cast(coalesce(sum(agent_messages) filter (where is_received), 0) as bigint) as AgentMessages,
            count(*) filter (where is_received and not coalesce(is_replied, false)) as Unreplied
        from pairs group by all order by all
        """, new { store = ChatStore });

    /// <summary>
    /// The same figures as the daily reports say them, for the nicks written whole (<c>店铺:子账号</c>, the roster's agent
    /// id: 售前绩效 and 客服工作量). A figure two reports carry alike is loaded once (raw.agent_report keeps a value once
    /// per store, agent, period and metric), so every metric is read from whichever report holds it.
    /// </summary>
    private List<AgentDayFigures> FromDailyReports(string store) => run.Query<AgentDayFigures>("""
        select agent_nick as Agent, cast(period_from as timestamp) as Day,
            cast(max(value) filter (where metric = 'consult_buyers') as bigint) as Consulted,
            cast(max(value) filter (where metric = 'received_buyers') as bigint) as Received,
            cast(max(value) filter (where metric = 'buyer_messages') as bigint) as BuyerMessages,
            cast(max(value) filter (where metric = 'agent_messages') as bigint) as AgentMessages,
            cast(max(value) filter (where metric = 'unreplied_buyers') as bigint) as Unreplied
        from raw.agent_report
        where store_id = $store and period_from = period_to and agent_nick like '%:%'
        group by all
        having Consulted > 0
        order by all
        """, new { store });

    [Fact]
    public void Daily_reports_count_the_consultations_receptions_and_messages_of_the_chats()
    {
        var chats = FromChats();
        var reports = FromDailyReports(ChatStore);
        Assert.True(chats.Count > 100, $"only {chats.Count} agent-days");
        Assert.Equal(chats.Sum(c => c.Consulted), reports.Sum(r => r.Consulted));
        Assert.Equal(chats, reports);
    }

    [Fact]
    public void The_reports_of_one_agent_day_agree_with_each_other_where_they_carry_the_same_metric()
    {
        // 售前绩效 and 客服工作量 both carry 接待人数, 慢响应人数, 回复率…, 客服数据 (nick without the store) the same
        // counts: a figure two reports give differently is two rows of raw.agent_report.
        var differing = run.Query<(string Agent, string Metric, long Values)>("""
            select regexp_replace(agent_nick, '^.*:', '') as agent, metric, count(distinct round(value, 2)) as n
            from raw.agent_report
            where period_from = period_to
              and metric in ('consult_buyers', 'received_buyers', 'unreplied_buyers', 'slow_buyers', 'reply_rate', 'qa_ratio')
            group by store_id, agent, period_from, metric
            having n > 1
            """);
        Assert.Empty(differing);
    }

    [Fact]
    public void The_month_files_are_the_sums_of_the_days_for_every_count_and_amount()
    {
        var mismatches = run.Query<(string Store, string Agent, string Metric, DateTime From, double Month, double Days)>("""
            with rows as (
                select r.*, f.file_name.regexp_extract('([^/_]+)_', 1) as report
                from raw.agent_report as r join etl.file_ledger as f using (file_id)
                where r.metric in ('consult_buyers', 'received_buyers', 'inquiry_buyers', 'inquiry_paid_final', 'inquiry_paid_next_day',
                                   'sales_amount', 'slow_buyers', 'buyer_messages', 'agent_messages', 'unreplied_buyers', '有效接待人数',
                                   '转入人数', '总消息', '很满意', '收到评价数',
                                   'attendance_days', 'logins', 'online_seconds', 'service_seconds', 'suspended_seconds')
            ),
            months as (select * from rows where period_from < period_to),
            days as (
                select d.store_id, d.agent_nick, d.report, d.metric, m.period_from, sum(d.value) as value
                from rows as d join months as m
                  on m.store_id = d.store_id and m.agent_nick = d.agent_nick and m.report = d.report and m.metric = d.metric
                 and d.period_from = d.period_to and d.period_from between m.period_from and m.period_to
                group by all
            )
            select m.store_id, m.agent_nick, m.metric, m.period_from, m.value, coalesce(d.value, 0)
            from months as m left join days as d using (store_id, agent_nick, report, metric, period_from)
            where abs(m.value - coalesce(d.value, 0)) > 0.005
            """);
        Assert.Empty(mismatches);
        Assert.True(run.Query<long>("select count(*) from raw.agent_report where period_from < period_to").Single() > 500);
    }

    [Fact]
    public void Report_sales_are_the_paid_orders_of_buyers_who_chatted_before_ordering()
    {
        // 销售额 of a day: orders paid that day whose buyer talked with the store's service before ordering (orders
        // credited to an agent); silent orders, whose buyers never chatted, are not in any agent's sales.
        var fromOrders = run.Query<(DateTime Day, decimal Amount)>("""
            with orders as (
                select order_id, any_value(buyer_id) as buyer_id, min(created_at) as created_at, max(paid_at) as paid_at, any_value(amount) as amount
                from raw.order_state where store_id = $store group by order_id
            )
            select cast(paid_at as date), sum(amount) from orders as o
            where paid_at < $end
              and exists (select 1 from raw.chat_message as m where m.store_id = $store and m.buyer_id = o.buyer_id and m.sent_at <= o.created_at)
            group by all order by all
            """, new { store = ChatStore, end = run.Options.End.ToDateTime(TimeOnly.MinValue) });
        var fromReports = run.Query<(DateTime Day, decimal Amount)>("""
            select period_from, cast(sum(value) as decimal(18,2)) from raw.agent_report
            where store_id = $store and metric = 'sales_amount' and period_from = period_to
            group by all having sum(value) > 0 order by all
            """, new { store = ChatStore });
        Assert.Equal(16, fromReports.Count);
        // A silent order's fresh buyer can happen to share a nick with a chatting buyer: allow 2% of a day's sales.
        Assert.All(fromOrders.Zip(fromReports), p =>
        {
            Assert.Equal(p.First.Day, p.Second.Day);
            Assert.InRange(p.Second.Amount, p.First.Amount * 0.98m, p.First.Amount * 1.0m + 0.01m);
        });
    }

    [Fact]
    public void Writing_reports_changes_none_of_the_other_files()
    {
        using var temp = new TempDirectory("reports-off");
        var without = DeterminismRuns.Options(temp.Sub("without"));
        SeedRun.Run(without);
        SeedRun.Run(without with { OutputDirectory = temp.Sub("with"), Reports = true });

        var a = DeterminismRuns.Hashes(Path.Combine(temp.Path, "without"));
        var b = DeterminismRuns.Hashes(Path.Combine(temp.Path, "with"));
        a.Remove(SeedManifest.FileName);
        b.Remove(SeedManifest.FileName);
        Assert.True(a.Count >= 8);
        Assert.Equal(a, b); // the reports sit in the store folders, which Hashes does not look into
        Assert.False(Directory.Exists(Path.Combine(temp.Path, "without", ChatStore)));
        Assert.True(Directory.GetFiles(Path.Combine(temp.Path, "with", ChatStore)).Length > 0);
    }

    [Fact]
    public void A_report_only_store_reports_exactly_what_it_would_have_chatted()
    {
        var folder = Path.Combine(run.Options.OutputDirectory, ReportOnlyStore);
        var files = Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(18 * 4, files.Count);
        foreach (var name in files)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(folder, name!)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(run.WithChats, ReportOnlyStore, name!))),
                $"{name} differs from the run that writes the store's chats");
        }

        // The service-data report names agents by their 子账号 only, and their team.
        var nicks = run.Query<string>("select distinct agent_nick from raw.agent_report r join etl.file_ledger f using (file_id) where f.file_name like '%客服数据_%'");
        Assert.All(nicks, n => Assert.DoesNotContain(':', n));
    }
}


/// <summary>
/// <c>--transcripts</c>: the chats written as 千牛 chat-window copies load through the real ETL (TranscriptStager) into
/// the same messages as the contract's chats file of the same run: buyer messages as they are, automatic replies as
/// the agent's (a copy does not mark them), no platform cards.
/// </summary>
public sealed class TranscriptTests : IDisposable
{
    private readonly TempDirectory _temp = new("transcripts");

    private sealed record Message(string Buyer, string Agent, string Sender, DateTime SentAt, string? Content);

    private List<Message> Load(string directory, out IReadOnlyList<FileLoadReport> loads)
    {
        using var warehouse = WarehouseDatabase.Open(new WarehouseOptions(Path.Combine(directory, "..", Path.GetFileName(directory) + ".duckdb")));
        loads = new InboxLoader(warehouse, new EtlOptions { Inbox = directory }).IngestInbox();
        using var connection = warehouse.OpenConnection();
        return connection.Query<Message>("""
            select buyer_id as Buyer, agent_id as Agent, case when sender = 'auto' then 'agent' else sender end as Sender, sent_at as SentAt, content as Content
            from raw.chat_message where sender <> 'system' order by all
            """).ToList();
    }

    [Fact]
    public void Transcripts_load_into_the_messages_of_the_contract_chats_of_the_same_run()
    {
        var options = new SeedOptions { OutputDirectory = _temp.Sub("contract"), Agents = 6, Days = 3, Start = new DateOnly(2026, 3, 30), Seed = 5 };
        SeedRun.Run(options);
        var manifest = SeedRun.Run(options with { OutputDirectory = _temp.Sub("transcripts"), Transcripts = true });
        Assert.Equal(["朵朵云旗舰店/聊天记录_2026-03.txt", "朵朵云旗舰店/聊天记录_2026-04.txt"],
            manifest.Files.Where(f => f.Kind == "chats").Select(f => f.Name));

        var contract = Load(options.OutputDirectory, out _);
        var copied = Load(Path.Combine(_temp.Path, "transcripts"), out var loads);

        foreach (var file in manifest.Files.Where(f => f.Kind == "chats"))
        {
            var load = Assert.Single(loads, l => l.File == file.Name);
            Assert.True(load.Outcome == FileOutcome.Loaded, $"{file.Name}: {load.Outcome} {load.Reason}");
            Assert.Equal((file.Rows, file.Rows, 0L, 0L), (load.Read, load.Loaded, load.Duplicates, load.Rejected));
        }

        Assert.True(contract.Count > 2000, $"only {contract.Count} messages");
        Assert.Equal(contract, copied);
    }

    public void Dispose() => _temp.Dispose();
}
