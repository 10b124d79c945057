using CsKpi.Seed.People;
using CsKpi.Seed.Traffic;
using static CsKpi.Seed.Reports.ReportCells;

namespace CsKpi.Seed.Reports;

/// <summary>One agent's shift on one day, as 赤兔's 遵时率 report sees it: log-ins, online, in service and suspended.</summary>
internal sealed record Shift(DateTime FirstLogin, DateTime LastOnline, int Logins, double OnlineSeconds, double ServiceSeconds, double SuspendedSeconds);

/// <summary>
/// 赤兔 遵时率 (attendance): shifts simulated on the rota. An agent who works that day (the same rota the chats
/// follow: one day off a week, nobody off on a campaign day) logs in around the start of an early or a late shift and
/// stays online until a little after its end; each extra log-in follows a gap offline; 挂起 (suspended) is a small
/// share of the time online and 服务 the rest. The chats do not follow shifts (any agent at work may get a buyer at
/// any hour), so attendance is not derived from them. Draws come from their own seeded stream: the chats do not change.
/// </summary>
internal static class Attendance
{
    public static readonly string[] Header =
    [
        "客服", "旺旺", "上班天数", "平均上线时间", "平均最后在线时间", "最早上线", "最晚在线", "总登录次数", "日均登录次数",
        "在线时长", "在线时长(秒)", "日均在线时长", "日均在线时长(秒)", "服务时长", "服务时长(秒)", "日均服务时长", "日均服务时长(秒)",
        "挂起时长", "挂起时长(秒)", "日均挂起时长", "日均挂起时长(秒)",
    ];

    public static Shift? ShiftOf(Agent agent, DateOnly day, int seed, int storeIndex)
    {
        var campaign = TrafficShape.IsCampaign(day);
        if (!agent.WorksOn(day, campaign))
        {
            return null;
        }

        var random = StableRandom.For(seed, storeIndex, 20, agent.Index, day.DayNumber);
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        // 早班 8:30–17:30 or 晚班 14:30–23:30 by the agent's place on the rota; a campaign day keeps everyone to midnight.
        var late = agent.Index % 2 == 1;
        var first = midnight.AddMinutes((late ? 14 * 60 + 30 : 8 * 60 + 30) + random.Next(-20, 11)).AddSeconds(random.Next(60));
        var last = campaign ? midnight.AddDays(1).AddSeconds(-random.Next(1, 300))
            : midnight.AddMinutes((late ? 23 * 60 + 30 : 17 * 60 + 30) + random.Next(0, 25)).AddSeconds(random.Next(60));
        // Each log-in after the first follows a while offline (a meal, a dropped connection).
        var logins = 1 + (random.Chance(0.6) ? random.Next(1, 4) : 0);
        var offline = (double)Enumerable.Range(1, logins - 1).Sum(_ => random.Next(5 * 60, 45 * 60));
        var online = (last - first).TotalSeconds - offline;
        var suspended = Math.Round(online * (0.03 + random.NextDouble() * 0.09));
        return new Shift(first, last, logins, online, online - suspended, suspended);
    }

    /// <summary>The report row of one agent over the shifts of the file's days.</summary>
    public static object?[] Row(Agent agent, IReadOnlyList<Shift> shifts)
    {
        long days = shifts.Count;
        static double SecondsOf(DateTime at) => at.TimeOfDay.TotalSeconds;
        var online = shifts.Sum(s => s.OnlineSeconds);
        var service = shifts.Sum(s => s.ServiceSeconds);
        var suspended = shifts.Sum(s => s.SuspendedSeconds);
        long logins = shifts.Sum(s => s.Logins);
        return
        [
            agent.Name, agent.AgentId, days,
            // 平均上线时间 and 平均最后在线时间 as 8:35 (H:mm), 最早上线 and 最晚在线 as 08:35:10: both forms the tool writes.
            TimeOfDay(shifts.Average(s => SecondsOf(s.FirstLogin))), TimeOfDay(shifts.Average(s => SecondsOf(s.LastOnline))),
            shifts.Min(s => s.FirstLogin.TimeOfDay).ToString(@"hh\:mm\:ss"), shifts.Max(s => s.LastOnline.TimeOfDay).ToString(@"hh\:mm\:ss"),
            logins, Math.Round((decimal)logins / days, 2),
            Clock(online), (long)online, Clock(online / days), (long)Math.Round(online / days),
            Clock(service), (long)service, Clock(service / days), (long)Math.Round(service / days),
            Clock(suspended), (long)suspended, Clock(suspended / days), (long)Math.Round(suspended / days),
        ];
    }

    /// <summary>Seconds after midnight as <c>H:mm</c>, the minute rounded down (as the tool truncates).</summary>
    private static string TimeOfDay(double seconds) => $"{(int)(seconds / 3600)}:{(int)(seconds / 60) % 60:00}";

    public static string FileName(DateOnly from, DateOnly to) =>
        from == to ? $"遵时率_{from:yyyy-MM-dd}" : $"遵时率_{from:yyyy-MM-dd}至{to:yyyy-MM-dd}";
}
