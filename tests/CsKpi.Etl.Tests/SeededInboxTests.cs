using CsKpi.Etl.Tests.Support;
using CsKpi.Seed;
using CsKpi.Seed.Layouts;
using CsKpi.Warehouse;
using CsKpi.Warehouse.Metrics;
using SeedFormat = CsKpi.Seed.Output.FileFormat;

namespace CsKpi.Etl.Tests;

/// <summary>A seeded inbox of every kind, in every format, loads whole: the ETL and the seed agree on the contract.</summary>
public sealed class SeededInboxTests
{
    [Theory]
    [InlineData(SeedFormat.Csv, false)]
    [InlineData(SeedFormat.Csv, true)]
    [InlineData(SeedFormat.Jsonl, false)]
    [InlineData(SeedFormat.Parquet, false)]
    public void Every_kind_loads_and_every_row_is_accounted_for(SeedFormat format, bool gbk)
    {
        using var bed = new EtlTestBed();
        var manifest = SeedRun.Run(new SeedOptions { OutputDirectory = bed.Inbox, Agents = 8, Days = 20, Start = new DateOnly(2026, 1, 20), Format = format, GbkOrders = gbk });

        var reports = bed.Ingest();

        Assert.Equal(manifest.Files.Count, reports.Count);
        foreach (var file in manifest.Files)
        {
            var report = Assert.Single(reports, r => r.File == file.Name);
            Assert.True(report.Outcome == FileOutcome.Loaded, $"{file.Name}: {report.Outcome} {report.Reason}");
            Assert.Equal(file.Rows, report.Read);
            Assert.Equal(report.Read, report.Loaded + report.Duplicates + report.Rejected);
            Assert.True(report.Rejected == 0, $"{file.Name}: {string.Join("; ", bed.Rejects(file.Name).Take(3))}");
        }

        Assert.Equal(manifest.RowsOf("chats"), bed.Scalar<long>("select count(*) from raw.chat_message"));
        Assert.Equal(manifest.RowsOf("ratings"), bed.Scalar<long>("select count(*) from raw.rating"));
        Assert.Equal(manifest.RowsOf("training"), bed.Scalar<long>("select count(*) from raw.training_event"));
        Assert.Equal(24, bed.Scalar<long>("select count(*) from raw.course"));
        Assert.True(bed.Scalar<long>("select count(*) from raw.agent_version") >= 8);
    }

    [Fact]
    public void A_second_ingest_of_the_same_inbox_loads_nothing_and_says_so()
    {
        using var bed = new EtlTestBed();
        SeedRun.Run(new SeedOptions { OutputDirectory = bed.Inbox, Agents = 6, Days = 5 });
        var first = bed.Ingest();
        var messages = bed.Scalar<long>("select count(*) from raw.chat_message");

        var second = bed.Ingest();

        Assert.All(second, r => Assert.Equal(FileOutcome.AlreadyLoaded, r.Outcome));
        Assert.All(second, r => Assert.Contains("nothing was read", r.Reason));
        Assert.Equal(first.Count, second.Count);
        Assert.Equal(messages, bed.Scalar<long>("select count(*) from raw.chat_message"));
    }

    [Fact]
    public void Bad_rows_of_the_seed_are_rejected_at_their_lines_and_the_rest_loads()
    {
        using var bed = new EtlTestBed();
        var manifest = SeedRun.Run(new SeedOptions { OutputDirectory = bed.Inbox, Agents = 6, Days = 5, BadRows = 12 });

        var reports = bed.Ingest();

        foreach (var bad in manifest.BadRows)
        {
            var rejects = bed.Rejects(bad.File);
            Assert.Contains(rejects, r => r.Line == bad.Line && r.Column == bad.Column);
        }

        Assert.Equal(manifest.BadRows.Count, reports.Sum(r => r.Rejected));
    }

    [Theory]
    [InlineData(Layout.Taobao, "taobao-orders")]
    [InlineData(Layout.Jd, "jd-orders")]
    [InlineData(Layout.Pdd, "pdd-orders")]
    [InlineData(Layout.Douyin, "douyin-orders")]
    public void A_platform_layouts_seeded_inbox_loads_whole_with_its_layout_named(Layout layout, string orders)
    {
        using var bed = new EtlTestBed();
        SeedRun.Run(new SeedOptions { OutputDirectory = bed.Inbox, Agents = 6, Days = 12, Start = new DateOnly(2026, 1, 20), Layout = layout });

        var reports = bed.Ingest();

        Assert.All(reports, r => Assert.True(r.Outcome == FileOutcome.Loaded && r.Rejected == 0,
            $"{r.File}: {r.Outcome} {r.Reason} {string.Join("; ", bed.Rejects(r.File).Take(3))}"));
        Assert.Contains(reports, r => r.Layout == orders);
        Assert.Contains(reports, r => r.Layout == "hr-roster" && r.File.EndsWith(".xlsx", StringComparison.Ordinal));
        Assert.True(bed.Scalar<long>("select count(*) from raw.order_state") > 100);
    }

    [Fact]
    public void A_taobao_report_seed_gives_the_same_marts_as_the_contract_seed()
    {
        // The Taobao layout carries every order state the contract does (GBK, ="…" ids, 元 amounts, Chinese statuses,
        // rosters and training as .xlsx): the warehouse built from it must be the same, number for number.
        // One thing it cannot carry: when a refund happened (no order export has 退款时间), so a refund is counted on the
        // order's paid day there. Every refund is still counted, and everything else is equal.
        var contract = Marts(Layout.Contract);
        var taobao = Marts(Layout.Taobao);

        Assert.True(contract.Tables["marts.kpi_agent_daily"].Rows > 50);
        Assert.True(contract.Tables["core.fct_order_credit"].Rows > 100);
        Assert.True(contract.Refunds > 0);
        Assert.All(contract.Tables, t => Assert.True(t.Value == taobao.Tables[t.Key], $"{t.Key}: {t.Value} <> {taobao.Tables[t.Key]}"));
        Assert.Equal(contract.Refunds, taobao.Refunds);
    }

    private static (Dictionary<string, (long Rows, string Hash)> Tables, decimal Refunds) Marts(Layout layout)
    {
        using var bed = new EtlTestBed();
        SeedRun.Run(new SeedOptions { OutputDirectory = bed.Inbox, Agents = 6, Days = 12, Start = new DateOnly(2026, 1, 20), Layout = layout });
        bed.Ingest();
        MartRecompute.Full(bed.Warehouse);
        // A row's hash, order-independent, without the ids of the files that brought it (loads come in another order)
        // and without what the report has no column for: when its refund was counted and when the row was updated. For the same reason an agent-day that only a refund made is left
        // out, and with it the store-day's count of agents and their cost (and so its ROI).
        const string Refund = "'file_id', 'load_seq', 'agent_key', 'updated_at', 'refunded_at', 'refunded_day', 'refund_amount'";
        // The platform service metrics exist for the stores of their platform only: the Taobao seed's store is on Taobao,
        // the contract's on none, so those columns (and the service-hours facts behind them) differ by design.
        var without = Refund + ", 'is_service_hours', 'longest_manual_wait_seconds', "
            + string.Join(", ", MetricRegistry.Embedded.All.Where(m => !m.Platforms.Contains("all")).Select(m => $"'{m.Code}'"));
        var tables = new Dictionary<string, (string From, string Without)>
        {
            // The contract's files call an order with any refund refunded; the report leaves a partly refunded one
            // where its parcel is (交易成功), so the two are compared in the contract's words.
            ["core.fct_order"] = ("(select * replace (case when refund_amount > 0 then 'refunded' else status end as status) from core.fct_order)", without),
            ["core.fct_order_credit"] = ("core.fct_order_credit", without),
            ["core.fct_reception"] = ("core.fct_reception", without),
            ["marts.kpi_agent_daily"] = ("marts.kpi_agent_daily where not (consult_buyers = 0 and sales_amount = 0 and rated_buyers = 0 and refund_amount > 0)", without),
            ["marts.kpi_store_daily"] = ("marts.kpi_store_daily", without + ", 'agents', 'daily_cost', 'roi'"),
            ["marts.scorecard_monthly"] = ("marts.scorecard_monthly", without),
        };
        var hashes = tables.ToDictionary(t => t.Key, t => bed.Query<(long, string)>($"""
            select n, concat_ws(',', *columns(* exclude (n))) from (
                select count(*) as n, sum(hash(columns(c -> c not in ({t.Value.Without})))) from {t.Value.From})
            """).Single());
        return (hashes, bed.Scalar<decimal>("select coalesce(sum(refund_amount), 0) from core.fct_order where refunded_day is not null"));
    }
}
