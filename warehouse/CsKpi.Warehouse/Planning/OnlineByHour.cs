using Dapper;
using DuckDB.NET.Data;

namespace CsKpi.Warehouse.Planning;

/// <summary>
/// One clock hour of the staffing view: the store's mean inquiries a day that began in it (<c>marts.hourly_arrivals</c>)
/// beside the mean number of agents online in it (<c>marts.hourly_online</c>, from the 赤兔 attendance report: an
/// estimate, each agent-day online from first log-in to last online time, breaks included).
/// </summary>
public sealed record OnlineHour(int Hour, double InquiriesPerDay, double AgentsOnline)
{
    /// <summary>Inquiries a day per agent online in the hour; empty when nobody is online.</summary>
    public double? InquiriesPerAgent => AgentsOnline > 0 ? InquiriesPerDay / AgentsOnline : null;
}

public static class OnlineByHour
{
    /// <summary>
    /// The 24 hours of a store (of one team's agents when <paramref name="team"/> is given) over [from, to]; empty when
    /// no attendance report covers the period, since without one nothing is known of who was online.
    /// </summary>
    public static IReadOnlyList<OnlineHour> Read(DuckDBConnection connection, string store, string? team, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var parameters = new { store, team, from = from.ToDateTime(TimeOnly.MinValue), to = to.ToDateTime(TimeOnly.MinValue) };
        var online = connection.Query<(long Hour, double AgentsOnline)>(
            """
            select hour::bigint, sum(agents_online)
            from marts.hourly_online($from, $to)
            where store_id = $store and ($team::varchar is null or team = $team)
            group by hour
            """, parameters).ToDictionary(h => h.Hour, h => h.AgentsOnline);
        if (online.Count == 0)
        {
            return [];
        }

        var inquiries = connection.Query<(long Hour, double PerDay)>(
            "select hour::bigint, arrivals_per_day from marts.hourly_arrivals($from, $to) where store_id = $store", parameters)
            .ToDictionary(h => h.Hour, h => h.PerDay);
        return Enumerable.Range(0, 24)
            .Select(hour => new OnlineHour(hour, inquiries.GetValueOrDefault(hour), online.GetValueOrDefault(hour)))
            .ToList();
    }
}
