namespace CsKpi.Warehouse.Tests.Marts;

/// <summary>JD 咚咚 30秒应答率 (jd_response_30s_rate), worked by hand.</summary>
public sealed class JdResponseTests : IDisposable
{
    private readonly MartBed bed = new();

    public void Dispose() => bed.Dispose();

    /// <summary>Store J on JD, agent A1, 2026-03-02.</summary>
    private void Sessions()
    {
        // j1 09:00:00 (the first second counted) → agent 09:00:30 = 30 s exactly: in time.
        // j2 08:59:59 → agent 09:00:05: begun in 23:00-09:00, excluded though answered after 09:00 (JD's own example).
        // j3 22:59:59 → agent 23:00:20 = 21 s: begun before 23:00, counted, in time.
        // j4 23:00:00 → agent 23:00:05: begun at 23:00, excluded.
        // j5 14:00:00 → auto 14:00:01 (not a person) → agent 14:00:31 = 31 s: counted, late.
        // j6 02:00:00 → agent 02:00:10: the night, excluded.
        bed.OnPlatform("J", "jd");
        bed.Chats(
            "m01,J,j1,A1,buyer,2026-03-02 09:00:00,在吗",
            "m02,J,j1,A1,agent,2026-03-02 09:00:30,在的",
            "m03,J,j2,A1,buyer,2026-03-02 08:59:59,在吗",
            "m04,J,j2,A1,agent,2026-03-02 09:00:05,在",
            "m05,J,j3,A1,buyer,2026-03-02 22:59:59,在吗",
            "m06,J,j3,A1,agent,2026-03-02 23:00:20,在",
            "m07,J,j4,A1,buyer,2026-03-02 23:00:00,在吗",
            "m08,J,j4,A1,agent,2026-03-02 23:00:05,在",
            "m09,J,j5,A1,buyer,2026-03-02 14:00:00,有货吗",
            "m10,J,j5,A1,auto,2026-03-02 14:00:01,您好，客服马上来",
            "m11,J,j5,A1,agent,2026-03-02 14:00:31,有",
            "m12,J,j6,A1,buyer,2026-03-02 02:00:00,在吗",
            "m13,J,j6,A1,agent,2026-03-02 02:00:10,在");
    }

    [Fact]
    public void Counts_sessions_a_person_answered_within_30_seconds_leaving_out_those_begun_23_to_09()
    {
        // counted = j1, j3, j5 = 3; answered within 30 s = j1, j3 = 2 (rate 2/3).
        Sessions();
        bed.Ingest();

        var row = bed.Agent("A1", "2026-03-02");
        Assert.Equal(6, MartBed.Number(row, "received_buyers"));
        Assert.Equal(3, MartBed.Number(row, "jd_counted_sessions"));
        Assert.Equal(2, MartBed.Number(row, "jd_answered_30s_sessions"));
        Assert.Equal(2.0 / 3.0, MartBed.Number(row, "jd_response_30s_rate")!.Value, 6);
        Assert.Equal(2.0 / 3.0, MartBed.Number(bed.Store("J", "2026-03-02"), "jd_response_30s_rate")!.Value, 6);
        var week = bed.Single("select * from marts.kpi_team_period('week', date '2026-03-02', date '2026-03-08') where store_id = 'J'");
        Assert.Equal(3, MartBed.Number(week, "jd_counted_sessions"));
        Assert.Equal(2.0 / 3.0, MartBed.Number(week, "jd_response_30s_rate")!.Value, 6);
        Assert.Null(MartBed.Number(row, "taobao_counted_buyers"));
        Assert.Null(MartBed.Number(row, "taobao_manual_response_rate"));
        Assert.Null(MartBed.Number(row, "pdd_reply_5min_buyers"));
    }

    [Fact]
    public void A_store_that_changes_its_threshold_and_hours_is_recomputed_with_them()
    {
        // After the first recompute, store J sets 45 s and 08:00-23:00 from 03-01: j5 (31 s) is now in time, and j2
        // (08:59:59 → 6 s) is counted and in time. counted = j1, j2, j3, j5 = 4, all in time.
        // Another store's settings change nothing here: store X's 10 s leaves J alone.
        Sessions();
        bed.Ingest();
        Assert.Equal(2, MartBed.Number(bed.Agent("A1", "2026-03-02"), "jd_answered_30s_sessions"));

        bed.Setting("jd_response_seconds", "45", "2026-03-01", store: "J");
        bed.Setting("jd_response_hours", "08:00-23:00", "2026-03-01", store: "J");
        bed.Setting("jd_response_seconds", "10", "2026-03-01", store: "X");
        bed.RecomputeIncremental();

        var row = bed.Agent("A1", "2026-03-02");
        Assert.Equal(4, MartBed.Number(row, "jd_counted_sessions"));
        Assert.Equal(4, MartBed.Number(row, "jd_answered_30s_sessions"));
        Assert.Equal(1.0, MartBed.Number(row, "jd_response_30s_rate"));
    }

    [Fact]
    public void A_store_put_on_jd_after_a_recompute_gets_its_days_recomputed_with_the_jd_rule()
    {
        // The files load with no platform (the contract layout says other): empty. An admin then puts store K on JD and
        // the next incremental recompute, with no new file and no setting changed, gives K's day the JD sums:
        // k1 10:00:00 → agent 10:00:20 = 20 s: counted, in time → 1 and 1.
        bed.Chats(
            "m1,K,k1,A1,buyer,2026-03-02 10:00:00,在吗",
            "m2,K,k1,A1,agent,2026-03-02 10:00:20,在");
        bed.Ingest();
        Assert.Null(MartBed.Number(bed.Agent("A1", "2026-03-02"), "jd_counted_sessions"));

        bed.OnPlatform("K", "jd");
        bed.RecomputeIncremental();

        var row = bed.Agent("A1", "2026-03-02");
        Assert.Equal(1, MartBed.Number(row, "jd_counted_sessions"));
        Assert.Equal(1, MartBed.Number(row, "jd_answered_30s_sessions"));
    }
}
