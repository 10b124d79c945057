using System.Globalization;
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
    /// Writes the rows as CSV for payroll: a header, invariant numbers (a point for decimals), the bonus in yuan with two
    /// decimals; values holding a comma, quote or line break are quoted.
    /// </summary>
    public static void WriteCsv(TextWriter output, IEnumerable<BonusRow> rows)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(rows);
        output.WriteLine("month,store_id,team,agent_id,agent_name,level,coefficient,base_bonus,score,grade,bonus,level_assumed");
        foreach (var row in rows)
        {
            output.WriteLine(string.Join(',',
                Cell(row.Month), Cell(row.StoreId), Cell(row.Team), Cell(row.AgentId), Cell(row.AgentName), Cell(row.Level ?? ""),
                Number(row.Coefficient, "0.00"), Number(row.BaseBonus, "0.00"), row.Score.ToString("0.00", CultureInfo.InvariantCulture),
                Cell(row.Grade), Number(row.Bonus, "0.00"), row.IsLevelAssumed ? "true" : "false"));
        }
    }

    private static string Number(decimal? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "";

    private static string Cell(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
