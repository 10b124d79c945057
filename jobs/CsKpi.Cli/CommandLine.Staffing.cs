using System.Globalization;
using System.Text.Json;
using CsKpi.Warehouse;
using CsKpi.Warehouse.Planning;

namespace CsKpi.Cli;

public static partial class CommandLine
{
    private const string TargetSalesOption = "--target-sales";
    private const string AovOption = "--aov";
    private const string CsShareOption = "--cs-share";
    private const string ConversionOption = "--conversion";
    private const string MaxReceptionsOption = "--max-receptions";
    private const string StoreOption = "--store";

    private const string StaffingArguments =
        "--target-sales N [--aov X] [--cs-share S] [--conversion C] [--max-receptions M] [--from DATE --to DATE] [--store ID] [--warehouse PATH] [--json]";

    private const string StaffingDetails = """
        options:
          --target-sales N     the store's sales target for the campaign day, yuan
          --aov X              客单价, yuan; default: all paid orders ÷ paying buyers of the history
          --cs-share S         share of buying customers who go through customer service, 0.3 or 30%;
                               default: the history's cs_buyer_share
          --conversion C       询单→最终付款成功率, 0.5 or 50%; default: the history's final_conversion
          --max-receptions M   receptions one agent handles in a day; default: the 90th percentile of presale
                               agents' daily received buyers in the history
          --from DATE          first business day of the history (yyyy-MM-dd); default: 28 days before --to
          --to DATE            last business day of the history; default: the store's last day with data
          --store ID           the store; needed when the warehouse holds more than one

        agents = (target sales ÷ aov) × cs share ÷ conversion ÷ max receptions, rounded up; printed with every input
        and where it came from, today's active presale agents and the gap, then the campaign day hour by hour:
        inquiries per hour (history × target ÷ normal daily sales) and the agents Erlang C needs to answer
        service_level of them within answer_seconds, with chats carried chat_concurrency at a time (app.planning_setting).
        Exit 1 when history cannot give an input you left out (the message says which to type).
        """;

    private static int Staffing(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (!VerbArguments.TryParse("staffing", args, [JsonOption],
                [TargetSalesOption, AovOption, CsShareOption, ConversionOption, MaxReceptionsOption, FromOption, ToOption, StoreOption, WarehouseOption],
                out var options, out var problem))
        {
            return Usage(stderr, problem);
        }

        if (options.Value(TargetSalesOption) is null)
        {
            return Usage(stderr, "staffing needs --target-sales N, the campaign day's sales target in yuan");
        }

        var numbers = new Dictionary<string, decimal?>(StringComparer.Ordinal);
        foreach (var (option, isShare) in new[]
                 {
                     (TargetSalesOption, false), (AovOption, false), (CsShareOption, true), (ConversionOption, true), (MaxReceptionsOption, false),
                 })
        {
            if (options.Value(option) is not { } text)
            {
                numbers[option] = null;
                continue;
            }

            if (ParseNumber(text, isShare) is not { } number || number <= 0 || (isShare && number > 1))
            {
                return Usage(stderr, isShare
                    ? $"{option} '{text}' is not a share above 0 and at most 1; write 0.3 or 30%"
                    : $"{option} '{text}' is not a number above 0; write e.g. 2000000 or 200.5");
            }

            numbers[option] = number;
        }

        if (!TryParseDays(options, out var from, out var to, out var dayProblem))
        {
            return Usage(stderr, dayProblem);
        }

        var request = new StaffingRequest(numbers[TargetSalesOption]!.Value, numbers[AovOption], numbers[CsShareOption],
            numbers[ConversionOption], numbers[MaxReceptionsOption], from, to, options.Value(StoreOption));
        StaffingPlan plan;
        try
        {
            using var warehouse = WarehouseDatabase.Open(WarehouseOptions.FromEnvironment(options.Value(WarehouseOption)));
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

        if (options.Has(JsonOption))
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
        stdout.WriteLine($"today ({plan.Today:yyyy-MM-dd}): {Plural(plan.ActivePresaleAgents, "active presale agent")}; "
            + (plan.Gap > 0 ? $"{plan.Gap} more needed" : plan.Gap == 0 ? "exactly enough" : $"{-plan.Gap} more than needed"));
        stdout.WriteLine();
        if (plan.Hourly is not { } hourly)
        {
            stdout.WriteLine($"hour by hour: not available, {plan.HourlyNote}");
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
    }

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
            buyers = h.Buyers,
            serviceBuyers = h.ServiceBuyers,
            inquiries = h.Inquiries,
            exactAgents = h.ExactAgents,
            agents = h.Agents,
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
