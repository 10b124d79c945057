using Dapper;

namespace CsKpi.Warehouse.Tests.Marts;

/// <summary>
/// An incremental recompute of a day's scope runs on one DuckDB thread (MartRecompute), a wider one gets the engine's
/// threads back once its scope is known; either way the engine has its threads again when the recompute ends, since
/// DuckDB's threads belong to the engine, not to the recompute's connection.
/// </summary>
public sealed class RecomputeThreadsTests
{
    [Fact]
    public void The_engine_has_its_threads_after_a_narrow_and_after_a_wide_incremental_recompute()
    {
        using var bed = new MartBed();
        bed.Chats("m1,S,b1,S:甲,buyer,2026-01-05 10:00:00,在吗", "m2,S,b1,S:甲,agent,2026-01-05 10:00:20,在的");
        bed.Chats("m3,S,b2,S:甲,buyer,2026-03-02 10:00:00,在吗", "m4,S,b2,S:甲,agent,2026-03-02 10:00:20,在的");
        Assert.Equal("full", bed.Ingest().Recompute.Mode);
        AssertThreads(bed);

        // one more day: a scope of a few reception days, run on one thread
        bed.Chats("m5,S,b3,S:甲,buyer,2026-03-03 10:00:00,在吗", "m6,S,b3,S:甲,agent,2026-03-03 10:00:20,在的");
        var narrow = bed.Ingest().Recompute;
        Assert.Equal("incremental", narrow.Mode);
        AssertThreads(bed);
        Assert.True(bed.Scalar<long>("select count(*) from marts.kpi_agent_daily where business_day = date '2026-03-03'") == 1);

        // a setting changed from before the first day: every day of the store is rebuilt, on the engine's threads
        bed.Setting("filter_buyers", "[\"b9\"]", "2026-01-01");
        bed.Chats("m7,S,b4,S:甲,buyer,2026-03-04 10:00:00,在吗");
        var wide = bed.Ingest().Recompute;
        Assert.Equal("incremental", wide.Mode);
        Assert.True(wide.MartDays > 31, $"{wide.MartDays} mart days");
        AssertThreads(bed);
    }

    private static void AssertThreads(MartBed bed)
    {
        using var connection = bed.Warehouse.OpenConnection();
        Assert.Equal(bed.Warehouse.Options.Threads, connection.ExecuteScalar<int>("select current_setting('threads')"));
    }
}
