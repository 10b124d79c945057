using System.Globalization;
using CsKpi.Seed;
using Dapper;

namespace CsKpi.Warehouse.Tests.Marts;

/// <summary>
/// Seeded data built once in one load and once in many small loads in shuffled order (rosters late, order updates
/// before their orders, one consultation's messages split over loads; agent reports of a report-only store, a
/// whole-month report and attendance beside the chats) gives identical core facts and marts; the checks pass after
/// every recompute on the way.
/// </summary>
public sealed class FullAndIncrementalTests
{
    private static readonly string[] Tables =
    [
        "core.fct_reception", "core.fct_question", "core.fct_order", "core.fct_order_credit", "core.dim_agent",
        "marts.kpi_agent_daily", "marts.kpi_team_daily", "marts.kpi_store_daily", "marts.scorecard_monthly",
        "marts.agent_order",
        // which load a report figure came from differs by construction; the figure and its agent do not
        "(select * exclude (file_id, line, load_seq) from core.fct_agent_report)", "marts.kpi_agent_report_period",
    ];

    [Fact]
    public void Many_small_loads_in_shuffled_order_give_the_marts_of_one_load()
    {
        using var seeded = new MartBed();
        SeedRun.Run(new SeedOptions { OutputDirectory = seeded.Inbox, Agents = 4, Days = 12, Stores = 2, Start = new DateOnly(2026, 3, 25), Seed = 7 });
        WriteReports(seeded.Inbox);
        seeded.Ingest();
        Assert.Equal("full", seeded.LastIngest!.Recompute.Mode);
        // the reports reached the marts: RS's report days (小王 under his roster id), attendance on days with chats
        Assert.Equal(4L, seeded.Scalar<long>("select count(*) from marts.kpi_agent_daily where source = 'report' and store_id = 'RS'"));
        Assert.Equal(1L, seeded.AgentRows("小王", "2026-03-26"));
        Assert.Equal(3L, seeded.Scalar<long>("select count(*) from marts.kpi_agent_daily where online_seconds is not null"));

        using var pieces = new MartBed();
        var chunks = SplitIntoChunks(seeded.Inbox, pieces: 2).OrderBy(_ => Random.Shared.Next()).ToList();
        var loads = 0;
        foreach (var (name, text) in chunks)
        {
            File.WriteAllText(Path.Combine(pieces.Inbox, name), text);
            var result = pieces.Ingest();
            loads++;
            Assert.Equal(loads == 1 ? "full" : "incremental", result.Recompute!.Mode);
        }

        Assert.True(loads >= 15, $"{loads} loads");
        foreach (var table in Tables)
        {
            var whole = Dump(seeded, table);
            var pieced = Dump(pieces, table);
            Assert.True(whole.Count > 0, $"{table} is empty");
            var missing = whole.Except(pieced).Take(3).ToList();
            var extra = pieced.Except(whole).Take(3).ToList();
            Assert.True(missing.Count == 0 && extra.Count == 0 && whole.Count == pieced.Count,
                $"{table}: {whole.Count} rows from one load, {pieced.Count} from {loads} loads; only in one load: {string.Join(" | ", missing)}; only in many: {string.Join(" | ", extra)}");
        }

        // And a full recompute of the pieced warehouse changes nothing either.
        pieces.RecomputeFull();
        Assert.Equal(Dump(seeded, "marts.kpi_agent_daily"), Dump(pieces, "marts.kpi_agent_daily"));
    }

    /// <summary>
    /// An incremental recompute leaves core.fct_agent_report and marts.kpi_agent_report_period as they are unless an
    /// agent report or roster file came since the last one, or core.dim_agent was rebuilt (fct_agent_report.sql,
    /// kpi_agent_report_period.sql). The cases that would break that: the reports arriving in a run of their own, a
    /// run of ratings only after them, then the roster that moves 小王's report rows from RS:小王 to 小王 (and gives
    /// him a monthly cost), then a run of orders only: each table ends as one load of everything makes it.
    /// </summary>
    [Fact]
    public void Reports_and_roster_arriving_in_later_runs_rebuild_what_a_run_without_them_left()
    {
        var seed = new SeedOptions { OutputDirectory = "", Agents = 3, Days = 8, Stores = 1, Start = new DateOnly(2026, 3, 25), Seed = 11 };
        using var seeded = new MartBed();
        SeedRun.Run(seed with { OutputDirectory = seeded.Inbox });
        WriteReports(seeded.Inbox);
        seeded.Ingest();

        using var pieces = new MartBed();
        using var staging = new TempFolder();
        SeedRun.Run(seed with { OutputDirectory = staging.Path });
        WriteReports(staging.Path);
        var files = Directory.GetFiles(staging.Path, "*.csv", SearchOption.AllDirectories).ToList();
        bool Named(string path, string start) => Path.GetFileName(path).StartsWith(start, StringComparison.Ordinal);
        var reports = files.Where(f => Named(f, "客服数据") || Named(f, "售前绩效") || Named(f, "agent_report")).ToList();
        var roster = files.Where(f => Named(f, "agents_rs")).ToList();
        var ratings = files.Where(f => Named(f, "ratings")).ToList();
        var orders = files.Where(f => Named(f, "orders")).ToList();
        Assert.True(reports.Count == 3 && roster.Count == 1 && ratings.Count > 0 && orders.Count > 0, string.Join(", ", files));
        var runs = new List<List<string>> { files.Except(reports).Except(roster).Except(ratings).Except(orders).ToList(), reports, ratings, roster, orders };
        foreach (var run in runs)
        {
            foreach (var file in run)
            {
                var target = Path.Combine(pieces.Inbox, Path.GetRelativePath(staging.Path, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            pieces.Ingest();
        }

        Assert.Equal("incremental", pieces.LastIngest!.Recompute!.Mode);
        Assert.True(Dump(seeded, "marts.kpi_agent_report_period").Count > 0);
        foreach (var table in Tables)
        {
            Assert.Equal(Dump(seeded, table), Dump(pieces, table));
        }
    }

    /// <summary>
    /// Agent reports beside the seeded chats (issue 16): a report-only store RS with daily 客服数据 rows, a whole-March
    /// 售前 report and a roster naming 小王 only from 04-01 (so the nick moves from RS:小王 to 小王 when the roster comes,
    /// on report days before the roster's own); and, for a seeded store with chats, a daily report (reconciled only)
    /// and attendance of two of its agents.
    /// </summary>
    private static void WriteReports(string inbox)
    {
        var roster = File.ReadAllLines(Directory.GetFiles(inbox, "agents*.csv", SearchOption.AllDirectories).First())[1..3]
            .Select(line => line.Split(',')).Select(cells => (Agent: cells[0], Store: cells[2])).ToList();
        Write(inbox, "agents_rs.csv",
            MartBed.AgentHeader,
            "小王,王一,RS,一组,presale,2026-01-01,,L1,0.9,3000,2026-04-01",
            "RS:小美,美二,RS,一组,presale,2026-01-01,,L1,0.9,6000,2026-03-01");
        Write(inbox, "客服数据_rs.csv",
            "店铺,旺旺昵称,咨询人数,接待人数,未回复人数,有效接待人数,平均响应时长(秒),3分钟人工响应率,旺旺回复率,首次响应时长(秒),慢响应人数,答问比,日期",
            "RS,小美,100,98,2,95,30,95%,98%,10,3,1.3,2026-03-26",
            "RS,小王,50,40,-,-,--,-,90%,20,0,1.1,2026-03-26",
            "RS,小美,80,70,0,70,25,90%,100%,9,1,1.2,2026-03-27",
            "RS,小王,30,30,3,27,40,80%,-,15,2,1.0,2026-03-28",
            $"{roster[0].Store},{roster[0].Agent},60,50,5,45,30,95%,90%,10,3,1.3,2026-03-27");
        Write(inbox, "售前绩效_2026-03-01至2026-03-31.csv",
            "店铺,客服,接待人数,询单人数,询单->最终付款人数,询单->最终付款成功率,客单价,销售额",
            "RS,小王,800,200,60,30%,100,6000",
            "RS,小美,2000,400,-,45%,120,24000",
            "RS,小孙,100,50,10,20%,50,500");
        Write(inbox, "agent_report_attendance.csv",
            "store_id,agent_nick,team,report_day,attendance_days,online_seconds,service_seconds,suspended_seconds,logins,first_login_time,last_online_time",
            $"{roster[0].Store},{roster[0].Agent},,2026-03-26,1,28800,25200,1800,3,30600,63000",
            $"{roster[1].Store},{roster[1].Agent},,2026-03-27,1,14400,,,1,32400,46800",
            "RS,小美,,2026-03-26,1,20000,18000,600,2,32000,61000");
    }

    private static void Write(string inbox, string name, params string[] lines) =>
        File.WriteAllText(Path.Combine(inbox, name), string.Join("\n", lines) + "\n", new System.Text.UTF8Encoding(false));

    /// <summary>Every seeded file cut into contiguous line ranges, each a file of its own kind with the header.</summary>
    private static IEnumerable<(string Name, string Text)> SplitIntoChunks(string inbox, int pieces)
    {
        foreach (var path in Directory.GetFiles(inbox, "*.csv", SearchOption.AllDirectories))
        {
            var lines = File.ReadAllLines(path);
            var header = lines[0];
            var rows = lines[1..];
            var size = Math.Max(1, (rows.Length + pieces - 1) / pieces);
            var stem = Path.GetFileNameWithoutExtension(path);
            for (var i = 0; i * size < rows.Length; i++)
            {
                yield return ($"{stem}_part{i}.csv", header + "\n" + string.Join("\n", rows.Skip(i * size).Take(size)) + "\n");
            }
        }
    }

    /// <summary>A table as sorted text rows; doubles to 9 significant digits, since sums in another order may differ in the last bit.</summary>
    private static List<string> Dump(MartBed bed, string table)
    {
        using var connection = bed.Warehouse.OpenConnection();
        return connection.Query($"select * from {table}")
            .Select(row => string.Join("|", ((IDictionary<string, object?>)row).Values.Select(Text)))
            .Order(StringComparer.Ordinal)
            .ToList();

        static string Text(object? value) => value switch
        {
            null => "∅",
            double d => d.ToString("G9", CultureInfo.InvariantCulture),
            IDictionary<string, object?> map => string.Join(";", map.Select(kv => kv.Key + "=" + Text(kv.Value))),
            System.Collections.IEnumerable list and not string => string.Join(",", list.Cast<object?>().Select(Text)),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        };
    }
}
