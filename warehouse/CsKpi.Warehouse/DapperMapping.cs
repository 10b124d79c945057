using System.Data;
using System.Globalization;
using Dapper;

namespace CsKpi.Warehouse;

/// <summary>
/// How Dapper maps the warehouse's rows to C#, for every project that queries it (career, planning, the site's
/// pages, the jobs). Dapper keeps this in statics of its own, so it is applied once per process, by the warehouse's
/// type before anything can open a connection (<see cref="WarehouseDatabase"/>'s static constructor).
/// </summary>
internal static class DapperMapping
{
    /// <summary>
    /// Columns are snake_case in SQL and properties PascalCase in C#: agent_id fills AgentId, so queries select the
    /// columns the tables and macros name instead of aliasing each one. DATE columns fill DateOnly properties and
    /// DateOnly parameters reach DuckDB as dates.
    /// </summary>
    public static void Apply()
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new DateOnlyHandler());
    }

    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override DateOnly Parse(object value) => value switch
        {
            DateOnly day => day,
            DateTime time => DateOnly.FromDateTime(time),
            _ => DateOnly.Parse(value.ToString()!, CultureInfo.InvariantCulture),
        };

        public override void SetValue(IDbDataParameter parameter, DateOnly value) => parameter.Value = value;
    }
}
