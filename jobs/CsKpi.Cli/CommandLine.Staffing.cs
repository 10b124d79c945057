using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CsKpi.Warehouse;
using CsKpi.Warehouse.Planning;

namespace CsKpi.Cli;

public static partial class CommandLine
{
    private const string StaffingDetails = """
        agents = (target sales ÷ aov) × cs share ÷ conversion ÷ max receptions, rounded up; printed with every input
        and where it came from, today's active presale agents and the gap, then the campaign day hour by hour:
        inquiries per hour (history × target ÷ normal daily sales) and the agents Erlang C needs to answer
        service_level of them within answer_seconds, with chats carried chat_concurrency at a time (app.planning_setting),
        and the roster: whole shifts of shift_hours hours covering every hour's need and, in all, the formula's agents.
        The plan's people are the roster's; the gap compares them with today's active presale agents.
        History: --from/--to, else the 28 days up to the store's last day with data (the planning page's default too).
        Exit 1 when history cannot give an input you left out (the message says which to type).
        """;

    private static Verb StaffingVerb(TextWriter stdout, TextWriter stderr)
    {
        var targetSales = Amount("--target-sales", "N", "the store's sales target for the campaign day, yuan", isShare: false);
        var aov = Amount("--aov", "X", "客单价, yuan; default: all paid orders ÷ paying buyers of the history", isShare: false);
        var csShare = Amount("--cs-share", "S",
            "share of buying customers who go through customer service, 0.3 or 30%; default: the history's cs_buyer_share", isShare: true);
        var conversion = Amount("--conversion", "C", "询单→最终付款成功率, 0.5 or 50%; default: the history's final_conversion", isShare: true);
        var maxReceptions = Amount("--max-receptions", "M",
            "receptions one agent handles in a day; default: the 90th percentile of presale agents' daily received buyers in the history",
            isShare: false);
        var from = Day("--from", "first business day of the history (yyyy-MM-dd); default: 28 days before --to");
        var to = Day("--to", "last business day of the history; default: the store's last day with data");
        var store = Text("--store", "ID", "the store; needed when the warehouse holds more than one");
        var verb = new Verb("staffing", "campaign staffing estimate and hour-by-hour plan; missing inputs come from history", StaffingDetails)
        {
            targetSales, aov, csShare, conversion, maxReceptions, from, to, store,
        };
        Needs(verb, targetSales, "staffing needs --target-sales N, the campaign day's sales target in yuan");
        var (warehouse, json) = CommonOptions(verb);
        verb.SetAction(parse => Staffing(verb,
            new StaffingRequest(parse.GetValue(targetSales)!.Value, parse.GetValue(aov), parse.GetValue(csShare), parse.GetValue(conversion),
                parse.GetValue(maxReceptions), parse.GetValue(from), parse.GetValue(to), parse.GetValue(store)),
            parse.GetValue(warehouse), parse.GetValue(json), stdout, stderr));
        return verb;
    }

    /// <summary>A number above 0 (2000000, 2,000,000 or 200.5), or with <paramref name="isShare"/> a share up to 1 (0.3 or 30%).</summary>
    private static Option<decimal?> Amount(string name, string placeholder, string description, bool isShare) =>
        Valued<decimal?>(name, placeholder, description, (string text, out decimal? value, out string problem) =>
        {
            value = ParseNumber(text, isShare);
            problem = isShare
                ? $"'{text}' is not a share above 0 and at most 1; write 0.3 or 30%"
                : $"'{text}' is not a number above 0; write e.g. 2000000 or 200.5";
            return value > 0 && (!isShare || value <= 1);
        });

    private static int Staffing(Verb verb, StaffingRequest request, string? warehouseOption, bool json, TextWriter stdout, TextWriter stderr)
    {
        if (Misordered(request.From, request.To) is { } problem)
        {
            return Usage(stderr, verb, problem);
        }

        StaffingPlan plan;
        try
        {
            using var warehouse = WarehouseDatabase.Open(WarehouseOptions.FromEnvironment(warehouseOption));
            plan = StaffingPlanner.Plan(warehouse, request);
        }
        catch (PlanningException error)
        {
            stderr.WriteLine($"cskpi staffing: {error.Message}");
            return Failed;
        }
        catch (Exception error) when (IsWarehouseFailure(error))
        {
            stderr.WriteLine($"cskpi staffing stopped: {error.Message}");
            return Failed;
        }

        if (json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(StaffingJson(plan), JsonOutput));
        }
        else
        {
            WriteStaffing(plan, stdout);
        }

        return Success;
    }

    /// <summary>0.3, 30% and 2,000,000 alike; null when it is no number.</summary>
    private static decimal? ParseNumber(string text, bool isShare)
    {
        var percent = isShare && text.EndsWith('%');
        var digits = (percent ? text[..^1] : text).Replace(",", "", StringComparison.Ordinal);
        return decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? percent ? value / 100 : value
            : null;
    }

    private static void WriteStaffing(StaffingPlan plan, TextWriter stdout)
    {
        var headcount = plan.Headcount;
        stdout.WriteLine(plan.StoreId is null
            ? "staffing estimate (every input typed; the warehouse holds no store)"
            : $"staffing estimate for store {plan.StoreId}, history {plan.From:yyyy-MM-dd} – {plan.To:yyyy-MM-dd} ({Plural(plan.HistoryDays, "day")} with data)");
        stdout.WriteLine();
        var inputs = new TextTable(("input", false), ("value", true), ("source", false));
        inputs.Add("target sales 目标销售额", Money(headcount.TargetSales), "typed");
        foreach (var (name, input, format) in new (string, StaffingInput, Func<decimal, string>)[]
                 {
                     ("aov 客单价", headcount.Aov, Money),
                     ("cs share 客服占比", headcount.CsShare, Percent),
                     ("conversion 询单转化率", headcount.Conversion, Percent),
                     ("max receptions 日最大接待", headcount.MaxReceptions, v => v.ToString("#,0.#", CultureInfo.InvariantCulture)),
                 })
        {
            inputs.Add(name, format(input.Value), input.Detail);
        }

        inputs.Write(stdout);
        stdout.WriteLine();
        stdout.WriteLine($"agents = {Money(headcount.TargetSales)} ÷ {Money(headcount.Aov.Value)} × {Percent(headcount.CsShare.Value)} "
            + $"÷ {Percent(headcount.Conversion.Value)} ÷ {headcount.MaxReceptions.Value.ToString("#,0.#", CultureInfo.InvariantCulture)} "
            + $"= {headcount.ExactAgents.ToString("0.00", CultureInfo.InvariantCulture)} → {Plural(headcount.Agents, "agent")} (rounded up)");
        stdout.WriteLine($"  {Whole(headcount.WholeBuyers)} paying buyers, {Whole(headcount.WholeServiceBuyers)} through customer service, "
            + $"{Whole(headcount.WholeInquiries)} inquiries");
        stdout.WriteLine();
        if (plan.Hourly is not { } hourly)
        {
            stdout.WriteLine($"hour by hour: not available, {plan.HourlyNote}");
            WritePlanned(plan, stdout);
            return;
        }

        stdout.WriteLine($"hour by hour: campaign day = {hourly.CampaignFactor.ToString("0.00", CultureInfo.InvariantCulture)} × a normal day "
            + $"({Money(hourly.NormalDailySales)} a day); handling {Seconds(hourly.HandlingSeconds)} ÷ {hourly.Concurrency.ToString("0.#", CultureInfo.InvariantCulture)} "
            + $"chats at once = {Seconds(hourly.EffectiveHandlingSeconds)}; target {hourly.ServiceLevel.ToString("0%", CultureInfo.InvariantCulture)} "
            + $"answered within {Seconds(hourly.AnswerSeconds)}");
        var hours = new TextTable(("hour", false), ("normal", true), ("campaign", true), ("erlangs", true), ("agents", true),
            ("service level", true), ("wait", true));
        foreach (var hour in hourly.Hours)
        {
            hours.Add($"{hour.Hour:00}:00", Decimal1(hour.NormalArrivals), Decimal1(hour.CampaignArrivals), Decimal1(hour.Queue.TrafficErlangs),
                hour.AgentsNeeded.ToString(CultureInfo.InvariantCulture), hour.Queue.ServiceLevel.ToString("0.0%", CultureInfo.InvariantCulture),
                Seconds(hour.Queue.AverageSpeedOfAnswerSeconds));
        }

        hours.Write(stdout);
        stdout.WriteLine($"peak: {Plural(hourly.PeakAgents, "agent")} at once");
        if (plan.Roster is { } roster)
        {
            stdout.WriteLine();
            stdout.WriteLine($"roster: {roster.ShiftHours}-hour shifts; {roster.HourlyPeople} {(roster.HourlyPeople == 1 ? "person covers" : "people cover")} every hour's need, "
                + $"the formula asks {Whole(roster.FormulaPeople)}"
                + (roster.FormulaBinds ? $", so {roster.People - roster.HourlyPeople} more join the busiest shifts" : ""));
            var shifts = new TextTable(("shift", false), ("people", true));
            foreach (var shift in roster.Shifts)
            {
                shifts.Add($"{shift.StartHour:00}:00–{shift.EndHour:00}:00", shift.People.ToString(CultureInfo.InvariantCulture));
            }

            shifts.Write(stdout);
        }

        WritePlanned(plan, stdout);
    }

    /// <summary>The plan's one headcount and today's gap.</summary>
    private static void WritePlanned(StaffingPlan plan, TextWriter stdout)
    {
        stdout.WriteLine($"plan: {Plural(plan.PlannedAgents, "agent")} on the campaign day");
        stdout.WriteLine($"today ({plan.Today:yyyy-MM-dd}): {Plural(plan.ActivePresaleAgents, "active presale agent")}; "
            + (plan.Gap > 0 ? $"{plan.Gap} more needed" : plan.Gap == 0 ? "exactly enough" : $"{-plan.Gap} more than needed"));
    }

    private static string Whole(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    private static object StaffingJson(StaffingPlan plan)
    {
        var h = plan.Headcount;
        static object Input(StaffingInput input) => new { value = input.Value, source = input.Source == InputSource.Typed ? "typed" : "history", detail = input.Detail };
        return new
        {
            store = plan.StoreId,
            from = plan.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            to = plan.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            historyDays = plan.HistoryDays,
            inputs = new
            {
                targetSales = new { value = h.TargetSales, source = "typed", detail = "typed" },
                aov = Input(h.Aov),
                csShare = Input(h.CsShare),
                conversion = Input(h.Conversion),
                maxReceptions = Input(h.MaxReceptions),
            },
            buyers = h.WholeBuyers,
            serviceBuyers = h.WholeServiceBuyers,
            inquiries = h.WholeInquiries,
            exactAgents = h.ExactAgents,
            agents = h.Agents,
            plannedAgents = plan.PlannedAgents,
            roster = plan.Roster is not { } roster ? null : new
            {
                shiftHours = roster.ShiftHours,
                hourlyPeople = roster.HourlyPeople,
                formulaPeople = roster.FormulaPeople,
                people = roster.People,
                shifts = roster.Shifts.Select(x => new { start = x.StartHour, end = x.EndHour, people = x.People }),
                onShift = roster.OnShift,
            },
            today = plan.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            activePresaleAgents = plan.ActivePresaleAgents,
            gap = plan.Gap,
            hourly = plan.Hourly is not { } hourly ? null : new
            {
                normalDailySales = hourly.NormalDailySales,
                campaignFactor = hourly.CampaignFactor,
                handlingSeconds = hourly.HandlingSeconds,
                concurrency = hourly.Concurrency,
                effectiveHandlingSeconds = hourly.EffectiveHandlingSeconds,
                serviceLevel = hourly.ServiceLevel,
                answerSeconds = hourly.AnswerSeconds,
                peakAgents = hourly.PeakAgents,
                hours = hourly.Hours.Select(x => new
                {
                    hour = x.Hour,
                    normalArrivals = x.NormalArrivals,
                    campaignArrivals = x.CampaignArrivals,
                    erlangs = x.Queue.TrafficErlangs,
                    agents = x.AgentsNeeded,
                    serviceLevel = x.Queue.ServiceLevel,
                    averageSpeedOfAnswerSeconds = x.Queue.AverageSpeedOfAnswerSeconds,
                }),
            },
            hourlyNote = plan.HourlyNote,
        };
    }

    private static string Money(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

    private static string Percent(decimal share) => (share * 100).ToString("0.0#", CultureInfo.InvariantCulture) + "%";

    private static string Decimal1(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Seconds(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
