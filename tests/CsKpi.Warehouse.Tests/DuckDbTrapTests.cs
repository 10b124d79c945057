using System.Numerics;
using Dapper;
using DuckDB.NET.Data;

namespace CsKpi.Warehouse.Tests;

/// <summary>
/// What DuckDB and DuckDB.NET do differently from other ADO.NET providers; every later query relies on these.
/// </summary>
public sealed class DuckDbTrapTests : IDisposable
{
    private readonly WarehouseDatabase warehouse = WarehouseDatabase.Open(new WarehouseOptions(":memory:"));
    private readonly DuckDBConnection connection;

    public DuckDbTrapTests()
    {
        connection = warehouse.OpenConnection();
        connection.Execute("create table core.t (agent varchar, receptions integer); insert into core.t values ('a', 3), ('b', 4), ('c', 5)");
    }

    public void Dispose()
    {
        connection.Dispose();
        warehouse.Dispose();
    }

    [Fact]
    public void Sum_of_an_integer_column_is_a_hugeint_unless_cast()
    {
        var raw = connection.ExecuteScalar("select sum(receptions) from core.t");
        var cast = connection.ExecuteScalar("select sum(receptions)::bigint from core.t");

        Assert.IsType<BigInteger>(raw);
        Assert.Equal(new BigInteger(12), raw);
        Assert.IsType<long>(cast);
        Assert.Equal(12L, cast);
    }

    [Fact]
    public void Parameters_bind_as_dollar_name()
    {
        Assert.Equal(4, connection.ExecuteScalar<int>("select receptions from core.t where agent = $agent", new { agent = "b" }));
    }

    [Fact]
    public void Parameters_written_at_name_do_not_bind()
    {
        var error = Assert.Throws<DuckDBException>(
            () => connection.ExecuteScalar<int>("select receptions from core.t where agent = @who", new { who = "b" }));

        // DuckDB reads @who as a column reference, not a parameter.
        Assert.Contains("Binder Error", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"who\" not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parameter_written_at_name_after_a_numeric_column_silently_means_its_absolute_value()
    {
        // "@" is DuckDB's abs() operator: "receptions = @receptions" is "receptions = abs(receptions)", true for
        // every row, whatever value was passed. No error warns of it; only the $ spelling filters.
        var wrong = connection.ExecuteScalar<long>(
            "select count(*) from core.t where receptions = @receptions", new { receptions = 4 });
        var right = connection.ExecuteScalar<long>(
            "select count(*) from core.t where receptions = $receptions", new { receptions = 4 });

        Assert.Equal(3, wrong);
        Assert.Equal(1, right);
    }

    [Fact]
    public void In_with_an_array_parameter_expands_to_a_list()
    {
        var total = connection.ExecuteScalar<long>(
            "select sum(receptions)::bigint from core.t where agent in $agents", new { agents = new[] { "a", "c" } });

        Assert.Equal(8, total);
    }
}
