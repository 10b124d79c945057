using System.Globalization;
using CsKpi.Warehouse.Downloads;
using Dapper;

namespace CsKpi.Warehouse.Career;

/// <summary>The monthly bonus of career.md (marts.bonus_monthly) and its CSV for payroll.</summary>
public static class Bonus
{
    /// <summary>The bonus rows of the months from <paramref name="fromMonth"/> to <paramref name="toMonth"/> (yyyy-MM, both
    /// optional), of one agent when given, by month, store, team and agent.</summary>
    public static IReadOnlyList<BonusRow> Monthly(WarehouseDatabase warehouse, string? fromMonth = null, string? toMonth = null, string? agentId = null)
    {
        foreach (var month in new[] { fromMonth, toMonth })
        {
            if (month is not null && !DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                throw new ArgumentException($"'{month}' is not a month; write it as yyyy-MM, e.g. 2026-03", nameof(fromMonth));
            }
        }

        using var connection = CareerConnection.Open(warehouse);
        return connection.Query<BonusRow>("""
            select * from marts.bonus_monthly
            where ($from is null or month >= $from) and ($to is null or month <= $to) and ($agentId is null or agent_id = $agentId)
            order by month, store_id, team, agent_id
            """, new { from = fromMonth, to = toMonth, agentId }).ToList();
    }

    /// <summary>
    /// Writes the rows as CSV for payroll through the downloads' one writer (<see cref="CsvDownload"/>): a header,
    /// invariant numbers (a point for decimals), the bonus in yuan with two decimals; quoting as RFC 4180, and a name
    /// that Excel would run as a formula starts with an apostrophe. <c>provisional</c> is true for a month whose
    /// scorecard may still change (in progress, or a value still 延迟统计): not yet payable.
    /// </summary>
    public static void WriteCsv(TextWriter output, IEnumerable<BonusRow> rows)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(rows);
        var csv = new CsvDownload(output);
        csv.Row(["month", "store_id", "team", "agent_id", "agent_name", "level", "coefficient", "base_bonus", "score", "grade", "bonus", "level_assumed", "provisional"]);
        foreach (var row in rows)
        {
            csv.Row([row.Month, row.StoreId, row.Team, row.AgentId, row.AgentName, row.Level ?? "",
                Number(row.Coefficient), Number(row.BaseBonus), new CsvNumber(row.Score.ToString("0.00", CultureInfo.InvariantCulture)), row.Grade, Number(row.Bonus), row.IsLevelAssumed, row.IsProvisional]);
        }
    }

    private static CsvNumber? Number(decimal? value) =>
        value is { } number ? new CsvNumber(number.ToString("0.00", CultureInfo.InvariantCulture)) : null;
}
