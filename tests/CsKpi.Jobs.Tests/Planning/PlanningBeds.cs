using CsKpi.Warehouse.Tests.Marts;
using Dapper;

namespace CsKpi.Jobs.Tests.Planning;

/// <summary>
/// Store S over two business days, loaded once through the real ETL for the staffing, what-if and diagnosis tests,
/// which only read it. Worked by hand:
/// <list type="bullet">
/// <item>Receptions, all replied: A1 (presale) b1 10:00, b2 10:20 on 03-02 and b7 10:00 on 03-03; A2 (presale) b3 11:00
/// on 03-02 and b8–b11 14:00–14:30 on 03-03; A3 (aftersale) b4–b6 12:00 on 03-02, no inquiries. Every reply comes
/// 60 s after the question, except b2's second question (answered in 30 s); reception seconds 60 each, b2 150.</item>
/// <item>Paid orders: b1 100 (A1), b3 300 and b8 200 (A2), and z1 400 silent on 03-02. Total 1,000 from 4 paying
/// buyers → aov 250; credited buyers 3 of 4 → cs share 0.75; 3 of 8 inquiries paid → conversion 0.375.</item>
/// <item>Presale agent-days received: 2, 1 (03-02), 1, 4 (03-03) → 90th percentile 1 + … = 3.4 (sorted 1, 1, 2, 4:
/// position 2.7 → 2 + 0.7 × 2).</item>
/// <item>Inquiries by hour over 2 days: 10:00 three → 1.5 a day, 11:00 one → 0.5, 14:00 four → 2.0; handling time
/// 570 s / 8 replied inquiries = 71.25 s.</item>
/// <item>Roster: A1, A2 presale, A3 aftersale (一组), A4 both (一组, left 2026-03-05), A5 both (二组, no chats).</item>
/// <item>Standards: store S's own version of 2026-03-01 holds first_response_seconds 90 (lower) and received_buyers
/// 30 (higher, per 30 days); its version of 2026-04-01 (first_response_seconds 10) is not in force for March.</item>
/// </list>
/// </summary>
public sealed class StaffingHistory : IDisposable
{
    public StaffingHistory()
    {
        Bed.Agents(
            "A1,张一,S,一组,presale,2020-01-01,,L1,0.9,6000,2026-03-01",
            "A2,张二,S,一组,presale,2020-01-01,,L3,1.1,8000,2026-03-01",
            "A3,张三,S,一组,aftersale,2020-01-01,,L1,0.9,5000,2026-03-01",
            "A4,张四,S,一组,both,2020-01-01,2026-03-05,L1,0.9,5000,2026-03-01",
            "A5,张五,S,二组,both,2020-01-01,,L1,0.9,7000,2026-03-01");
        Bed.Chats(
            "m1,S,b1,A1,buyer,2026-03-02 10:00:00,这款有货吗",
            "m2,S,b1,A1,agent,2026-03-02 10:01:00,有的",
            "m3,S,b2,A1,buyer,2026-03-02 10:20:00,尺码偏大吗",
            "m4,S,b2,A1,agent,2026-03-02 10:21:00,标准尺码",
            "m5,S,b2,A1,buyer,2026-03-02 10:22:00,好的",
            "m6,S,b2,A1,agent,2026-03-02 10:22:30,收到",
            "m7,S,b3,A2,buyer,2026-03-02 11:00:00,能便宜点吗",
            "m8,S,b3,A2,agent,2026-03-02 11:01:00,可以领券",
            "m9,S,b4,A3,buyer,2026-03-02 12:00:00,退货地址",
            "m10,S,b4,A3,agent,2026-03-02 12:01:00,已发您",
            "m11,S,b5,A3,buyer,2026-03-02 12:00:00,退款进度",
            "m12,S,b5,A3,agent,2026-03-02 12:01:00,已处理",
            "m13,S,b6,A3,buyer,2026-03-02 12:00:00,换货",
            "m14,S,b6,A3,agent,2026-03-02 12:01:00,好的",
            "m15,S,b7,A1,buyer,2026-03-03 10:00:00,发什么快递",
            "m16,S,b7,A1,agent,2026-03-03 10:01:00,中通",
            "m17,S,b8,A2,buyer,2026-03-03 14:00:00,有赠品吗",
            "m18,S,b8,A2,agent,2026-03-03 14:01:00,有的",
            "m19,S,b9,A2,buyer,2026-03-03 14:10:00,几天到",
            "m20,S,b9,A2,agent,2026-03-03 14:11:00,两天",
            "m21,S,b10,A2,buyer,2026-03-03 14:20:00,包邮吗",
            "m22,S,b10,A2,agent,2026-03-03 14:21:00,包邮",
            "m23,S,b11,A2,buyer,2026-03-03 14:30:00,在吗",
            "m24,S,b11,A2,agent,2026-03-03 14:31:00,在的");
        Bed.Orders(
            "o1,S,b1,2026-03-02 10:30:00,2026-03-02 10:35:00,100.00,1,paid,0,,",
            "o3,S,b3,2026-03-02 11:30:00,2026-03-02 11:35:00,300.00,1,paid,0,,",
            "o8,S,b8,2026-03-03 14:30:00,2026-03-03 14:35:00,200.00,1,paid,0,,",
            "oz,S,z1,2026-03-02 09:00:00,2026-03-02 09:05:00,400.00,1,paid,0,,");
        Bed.Write("courses", "course_id,title,category,pass_score,valid_months,required_for_level,hours",
            "C1,产品知识,product,60,,,2",
            "C2,催付话术,scripts,60,,,1.5",
            "C3,千牛工具,tools,60,,,1");
        Bed.Ingest();

        using var connection = Bed.Warehouse.OpenConnection();
        connection.Execute("""
            insert into app.kpi_standard (store_id, effective_from, metric, standard_value, direction) values
                ('S', date '2026-03-01', 'first_response_seconds', 90, 'lower'),
                ('S', date '2026-03-01', 'received_buyers', 30, 'higher'),
                ('S', date '2026-04-01', 'first_response_seconds', 10, 'lower')
            """);
    }

    public MartBed Bed { get; } = new();

    public static readonly DateOnly From = new(2026, 3, 2);
    public static readonly DateOnly To = new(2026, 3, 3);

    public void Dispose() => Bed.Dispose();
}

/// <summary>
/// The sample week 2026-03-09 – 03-15 of store S, loaded once per test class that samples it. B1's receptions on 03-10:
/// <list type="bullet">
/// <item>r1 (tb_r1) answered after 300 s and r2 (tb_r2) after 120 s: the two slowest;</item>
/// <item>r3 (tb_r3) never answered: the only unanswered one;</item>
/// <item>r4 (tb_dave) three buyer messages, r7 (tb_r7) two, no order: the unconverted inquiries with the most messages;</item>
/// <item>r5 (tb_r5) decided a paid order of 900, r6 (tb_r6) one of 50: the largest order is r5's;</item>
/// <item>r6 and r8–r12, answered in 20 s, are the rest: 2 % of 6, rounded up, is one random pick.</item>
/// </list>
/// B2 has one reception on 03-11 (picked as its slowest); B1's reception on 03-16 belongs to the next week.
/// </summary>
public sealed class SampleWeek : IDisposable
{
    public static readonly DateOnly Week = new(2026, 3, 9);

    public SampleWeek()
    {
        var lines = new List<string>
        {
            "r1a,S,tb_r1,B1,buyer,2026-03-10 09:00:00,在吗",
            "r1b,S,tb_r1,B1,agent,2026-03-10 09:05:00,在的",
            "r2a,S,tb_r2,B1,buyer,2026-03-10 09:10:00,在吗",
            "r2b,S,tb_r2,B1,agent,2026-03-10 09:12:00,在的",
            "r3a,S,tb_r3,B1,buyer,2026-03-10 09:20:00,有人吗",
            "r4a,S,tb_dave,B1,buyer,2026-03-10 09:30:00,我是tb_dave",
            "r4b,S,tb_dave,B1,buyer,2026-03-10 09:30:05,电话13812345678",
            "r4c,S,tb_dave,B1,buyer,2026-03-10 09:30:10,能改地址吗",
            "r4d,S,tb_dave,B1,agent,2026-03-10 09:30:40,可以的",
            "r5a,S,tb_r5,B1,buyer,2026-03-10 09:40:00,买三件",
            "r5b,S,tb_r5,B1,agent,2026-03-10 09:40:10,好的",
            "r6a,S,tb_r6,B1,buyer,2026-03-10 09:50:00,买一件",
            "r6b,S,tb_r6,B1,agent,2026-03-10 09:50:10,好的",
            "r7a,S,tb_r7,B1,buyer,2026-03-10 10:00:00,颜色",
            "r7b,S,tb_r7,B1,buyer,2026-03-10 10:00:05,有黑色吗",
            "r7c,S,tb_r7,B1,agent,2026-03-10 10:00:25,有的",
            "x1a,S,tb_x1,B2,buyer,2026-03-11 10:00:00,在吗",
            "x1b,S,tb_x1,B2,agent,2026-03-11 10:00:30,在",
            "n1a,S,tb_n1,B1,buyer,2026-03-16 10:00:00,在吗",
            "n1b,S,tb_n1,B1,agent,2026-03-16 10:00:30,在",
        };
        for (var i = 8; i <= 12; i++)
        {
            lines.Add($"r{i}a,S,tb_r{i},B1,buyer,2026-03-10 {10 + i}:00:00,在吗");
            lines.Add($"r{i}b,S,tb_r{i},B1,agent,2026-03-10 {10 + i}:00:20,在的");
        }

        Bed.Chats([.. lines]);
        Bed.Orders(
            "o5,S,tb_r5,2026-03-10 09:45:00,2026-03-10 09:46:00,900.00,3,paid,0,,",
            "o6,S,tb_r6,2026-03-10 09:55:00,2026-03-10 09:56:00,50.00,1,paid,0,,");
        Bed.Ingest();
    }

    public MartBed Bed { get; } = new();

    /// <summary>The consultation key of a buyer's reception (store S, the agent, the buyer, the day).</summary>
    public ulong Key(string buyer) => Bed.Scalar<ulong>(
        "select consultation_key from core.fct_reception where buyer_id = $buyer", new { buyer });

    public void Dispose() => Bed.Dispose();
}
