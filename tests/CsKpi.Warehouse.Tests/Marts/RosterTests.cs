namespace CsKpi.Warehouse.Tests.Marts;

/// <summary>Agents in the marts: unknown members (未登记) until a roster names them, and roster history by day.</summary>
public sealed class RosterTests : IDisposable
{
    private readonly MartBed bed = new();

    public void Dispose() => bed.Dispose();

    [Fact]
    public void An_agent_no_roster_names_is_unknown_until_a_roster_names_it()
    {
        // A9 chats on 03-02 before any roster: name and team 未登记, counted in team 未登记, roi empty (no cost).
        // A roster naming A9 (赵六, 二组, hired 2026-01-01, 6000/month) arrives later: the 03-02 row becomes 赵六 / 二组,
        // team 二组 has the reception and team 未登记 has no row that day any more; roi = 0 sales / 200 = 0.
        bed.Chats(
            "m1,S,b1,A9,buyer,2026-03-02 10:00:00,在吗",
            "m2,S,b1,A9,agent,2026-03-02 10:01:00,在");
        bed.Ingest();

        var before = bed.Agent("A9", "2026-03-02");
        Assert.Equal("未登记", before["agent_name"]);
        Assert.Equal("未登记", before["team"]);
        Assert.Null(before["roi"]);
        Assert.Equal(1, MartBed.Number(bed.Team("未登记", "2026-03-02"), "received_buyers"));

        bed.Agents("A9,赵六,S,二组,presale,2026-01-01,,L1,0.9,6000,2026-03-05");
        bed.Ingest();

        var after = bed.Agent("A9", "2026-03-02");
        Assert.Equal("赵六", after["agent_name"]);
        Assert.Equal("二组", after["team"]);
        Assert.Equal(0.0, MartBed.Number(after, "roi")!.Value, 6);
        Assert.Equal(1, MartBed.Number(bed.Team("二组", "2026-03-02"), "received_buyers"));
        Assert.Empty(bed.Rows("select * from marts.kpi_team_daily where team = '未登记'"));
        Assert.Equal(1, MartBed.Number(bed.Store("S", "2026-03-02"), "received_buyers"));
    }

    [Fact]
    public void A_roster_change_applies_from_its_as_of_day()
    {
        // A1 is presale in 一组 as of 03-01 and aftersale in 二组 as of 03-10 (a new version from 03-10).
        // b1 on 03-05: team 一组, an inquiry. b2 on 03-12: team 二组, an after-sale reception → not an inquiry.
        bed.Agents("A1,张三,S,一组,presale,2026-01-01,,L1,0.9,6000,2026-03-01");
        bed.Agents("A1,张三,S,二组,aftersale,2026-01-01,,L1,0.9,6000,2026-03-10");
        bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-05 10:00:00,在吗",
            "m2,S,b1,A1,agent,2026-03-05 10:01:00,在",
            "m3,S,b2,A1,buyer,2026-03-12 10:00:00,在吗",
            "m4,S,b2,A1,agent,2026-03-12 10:01:00,在");
        bed.Ingest();

        var early = bed.Agent("A1", "2026-03-05");
        Assert.Equal("一组", early["team"]);
        Assert.Equal(1, MartBed.Number(early, "inquiry_buyers"));
        var late = bed.Agent("A1", "2026-03-12");
        Assert.Equal("二组", late["team"]);
        Assert.Equal(1, MartBed.Number(late, "received_buyers"));
        Assert.Equal(0, MartBed.Number(late, "inquiry_buyers"));
    }
}
