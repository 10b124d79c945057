using System.Globalization;
using Dapper;
using DuckDB.NET.Data;

namespace CsKpi.Warehouse.Planning;

/// <summary>
/// The staffing calculator on the warehouse: inputs left empty are read from the store's history
/// (<c>marts.staffing_history</c>, <c>marts.hourly_arrivals</c>), the result is compared with today's presale
/// headcount, and the hour-by-hour plan uses the planning settings in force on the history's last day.
/// </summary>
public static class StaffingPlanner
{
    /// <summary>Days of history when no <see cref="StaffingRequest.From"/> is given: four whole weeks, so every
    /// weekday weighs the same.</summary>
    public const int DefaultHistoryDays = 28;

    public static StaffingPlan Plan(WarehouseDatabase warehouse, StaffingRequest request)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        ArgumentNullException.ThrowIfNull(request);
        if (request.From > request.To)
        {
            throw new ArgumentException($"the history starts {request.From:yyyy-MM-dd}, after it ends {request.To:yyyy-MM-dd}");
        }

        var today = request.Today ?? DateOnly.FromDateTime(DateTime.Now);
        var allTyped = request is { Aov: not null, CsShare: not null, Conversion: not null, MaxReceptions: not null };
        using var connection = warehouse.OpenConnection();
        var store = ResolveStore(connection, request.StoreId, allTyped);
        if (store is null)
        {
            var typedOnly = Estimate(request, history: null, "", null, null, null);
            return new StaffingPlan(null, null, null, 0, today, typedOnly, 0, null,
                "the warehouse holds no store yet, so there is no history for an hour-by-hour plan", Missing: HourlyMissing.NoStore);
        }

        var lastDay = connection.ExecuteScalar<DateOnly?>(
            "select max(business_day) from marts.kpi_store_daily where store_id = $store", new { store });
        var to = request.To ?? lastDay ?? today;
        var from = request.From ?? to.AddDays(1 - DefaultHistoryDays);
        var history = connection.QuerySingleOrDefault<StoreHistory>(
            """
            select active_days as Days, aov as Aov, cs_buyer_share as CsShare, final_conversion as Conversion,
                   max_receptions as MaxReceptions, agent_days as AgentDays, daily_sales as DailySales
            from marts.staffing_history($from, $to) where store_id = $store
            """, new { from = Day(from), to = Day(to), store });
        var period = $"{store}, {from:yyyy-MM-dd} – {to:yyyy-MM-dd}";
        var headcount = Estimate(request, history, period, store, from, to);

        var active = connection.ExecuteScalar<long>(
            """
            select count(distinct agent_id)
            from core.dim_agent
            where store_id = $store and is_current and is_registered and role in ('presale', 'both')
              and (hired_on is null or hired_on <= $today::date) and (left_on is null or left_on > $today::date)
            """, new { store, today = Day(today) });

        var (hourly, note, missing) = Hourly(connection, store, from, to, request.TargetSales, history);
        var roster = hourly is null
            ? null
            : ShiftRoster.Cover(hourly.Hours.Select(h => h.AgentsNeeded).ToList(), hourly.Hours.Select(h => h.CampaignArrivals).ToList(),
                ShiftHours(connection, store, to), headcount.Agents);
        return new StaffingPlan(store, from, to, (int)(history?.Days ?? 0), today, headcount, (int)active, hourly, note, roster, missing);
    }

    /// <summary>The planning setting shift_hours in force on the day: a whole number of hours from 1 to 24.</summary>
    private static int ShiftHours(DuckDBConnection connection, string store, DateOnly day)
    {
        var hours = Setting(connection, store, "shift_hours", day);
        return hours is >= 1 and <= 24 && hours == Math.Floor(hours)
            ? (int)hours
            : throw new PlanningException(
                $"the planning setting shift_hours of store {store} on {day:yyyy-MM-dd} is {hours}, not a whole number of hours from 1 to 24; fix it in app.planning_setting",
                "setting_not_whole_hours")
            {
                Setting = "shift_hours", Store = store, Day = day, Value = hours.ToString(CultureInfo.InvariantCulture),
            };
    }

    private static HeadcountEstimate Estimate(StaffingRequest request, StoreHistory? history, string period, string? store,
        DateOnly? from, DateOnly? to)
    {
        StaffingInput Input(decimal? typed, double? learned, string name, string how, string option)
        {
            if (typed is { } value)
            {
                return StaffingInput.Typed(value);
            }

            if (learned is { } found && double.IsFinite(found) && found > 0)
            {
                return new StaffingInput((decimal)found, InputSource.History, $"history {period}: {how}");
            }

            var none = history is null || history.Days == 0;
            throw new PlanningException(none
                ? $"there is no history for {(period.Length == 0 ? "any store" : period)} to take the {name} from; "
                    + $"type it ({option}) or choose a period with data"
                : $"the history of {period} gives no {name} ({how} is empty); type it ({option}) or choose another period",
                none ? "no_history_for_input" : "history_lacks_input")
            {
                Input = name.Replace(' ', '_'), Store = store, From = from, To = to,
            };
        }

        return HeadcountFormula.Estimate(
            request.TargetSales,
            Input(request.Aov, history?.Aov, "aov", "all paid orders ÷ paying buyers", "--aov"),
            Input(request.CsShare, history?.CsShare, "cs share", "cs_buyer_share, buyers of credited paid orders ÷ buyers of all paid orders", "--cs-share"),
            Input(request.Conversion, history?.Conversion, "conversion", "final_conversion, inquiry buyers paid in the end ÷ inquiry buyers", "--conversion"),
            Input(request.MaxReceptions, history?.MaxReceptions, "max receptions",
                $"90th percentile of presale agents' daily received buyers over {history?.AgentDays ?? 0} agent-days", "--max-receptions"));
    }

    private static (HourlyPlan? Plan, string? Note, HourlyMissing? Missing) Hourly(DuckDBConnection connection, string store, DateOnly from, DateOnly to,
        decimal targetSales, StoreHistory? history)
    {
        if (history is not { DailySales: > 0 } || history.DailySales is not { } dailySales)
        {
            return (null, $"no paid orders in {from:yyyy-MM-dd} – {to:yyyy-MM-dd}, so a campaign day cannot be scaled from a normal one", HourlyMissing.NoPaidOrders);
        }

        var arrivals = connection.Query<(long Hour, double Arrivals, double? Handling)>(
            """
            select hour::bigint, arrivals_per_day, handling_seconds
            from marts.hourly_arrivals($from, $to) where store_id = $store order by hour
            """, new { from = Day(from), to = Day(to), store }).ToList();
        if (arrivals.FirstOrDefault().Handling is not { } handling || handling <= 0)
        {
            return (null, $"no replied inquiries in {from:yyyy-MM-dd} – {to:yyyy-MM-dd}, so there is no handling time to plan with", HourlyMissing.NoRepliedInquiries);
        }

        var plan = HourlyPlan.Build(
            arrivals.Select(a => ((int)a.Hour, a.Arrivals)).ToList(),
            (decimal)dailySales,
            targetSales,
            handling,
            Setting(connection, store, "chat_concurrency", to),
            Setting(connection, store, "service_level", to),
            Setting(connection, store, "answer_seconds", to));
        return (plan, null, null);
    }

    /// <summary>A number of app.planning_setting in force for the store on the day.</summary>
    internal static double Setting(DuckDBConnection connection, string store, string code, DateOnly day)
    {
        var text = connection.ExecuteScalar<string?>("select app.planning_value($store, $code, $day)", new { store, code, day = Day(day) });
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new PlanningException(
                $"the planning setting {code} of store {store} on {day:yyyy-MM-dd} is '{text ?? "missing"}', not a number; fix it in app.planning_setting",
                "setting_not_number")
            {
                Setting = code, Store = store, Day = day, Value = text,
            };
    }

    private static string? ResolveStore(DuckDBConnection connection, string? storeId, bool allTyped)
    {
        var stores = connection.Query<string>("select store_id from core.dim_store order by store_id").ToList();
        if (storeId is not null)
        {
            return stores.Contains(storeId, StringComparer.Ordinal)
                ? storeId
                : throw new PlanningException(stores.Count == 0
                    ? $"the warehouse holds no store yet, so not '{storeId}'; load data first (cskpi ingest)"
                    : $"no store '{storeId}' in the warehouse; it holds {string.Join(", ", stores)}",
                    stores.Count == 0 ? "no_store_yet" : "unknown_store")
                {
                    Store = storeId, Stores = stores,
                };
        }

        return stores.Count switch
        {
            1 => stores[0],
            0 when allTyped => null,
            0 => throw new PlanningException(
                "the warehouse holds no data to take inputs from; type every input (--aov, --cs-share, --conversion, "
                + "--max-receptions) or load data first (cskpi ingest)", "no_data"),
            _ => throw new PlanningException($"the warehouse holds {stores.Count} stores; choose one (--store): {string.Join(", ", stores)}",
                "choose_store") { Stores = stores },
        };
    }

    /// <summary>Days go to DuckDB as text it casts, which every DuckDB.NET version binds the same way.</summary>
    internal static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal sealed record StoreHistory(long Days, double? Aov, double? CsShare, double? Conversion, double? MaxReceptions,
        long AgentDays, double? DailySales);
}
