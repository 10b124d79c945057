using Dapper;

namespace CsKpi.Warehouse.Tests;

public sealed class ConnectionTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Each_unit_of_work_gets_its_own_connection()
    {
        using var warehouse = WarehouseDatabase.Open(new WarehouseOptions(temp.File("x.duckdb")));
        using var first = warehouse.OpenConnection();
        using var second = warehouse.OpenConnection();

        Assert.NotSame(first, second);
        Assert.Equal(System.Data.ConnectionState.Open, first.State);
        Assert.Equal(System.Data.ConnectionState.Open, second.State);
    }

    [Fact]
    public async Task Connections_work_concurrently_from_several_threads()
    {
        using var warehouse = WarehouseDatabase.Open(new WarehouseOptions(temp.File("x.duckdb")));
        using (var setup = warehouse.OpenConnection())
        {
            setup.Execute("create table app.reception (worker integer, n integer)");
        }

        const int workers = 8;
        const int rowsEach = 200;
        var work = Enumerable.Range(0, workers).Select(worker => Task.Run(() =>
        {
            using var connection = warehouse.OpenConnection();
            using var transaction = connection.BeginTransaction();
            connection.Execute(
                "insert into app.reception select $worker, range from range($n)",
                new { worker, n = rowsEach },
                transaction);
            transaction.Commit();
            return connection.ExecuteScalar<long>(
                "select count(*) from app.reception where worker = $worker", new { worker });
        }));

        var counts = await Task.WhenAll(work);

        Assert.All(counts, count => Assert.Equal(rowsEach, count));
        using var check = warehouse.OpenConnection();
        Assert.Equal(workers * rowsEach, check.ExecuteScalar<long>("select count(*) from app.reception"));
    }

    [Fact]
    public void A_named_in_memory_warehouse_is_shared_by_name_and_private_otherwise()
    {
        var name = ":memory:" + Guid.NewGuid().ToString("N");
        using var first = WarehouseDatabase.Open(new WarehouseOptions(name));
        using var second = WarehouseDatabase.Open(new WarehouseOptions(name));
        using var anonymous = WarehouseDatabase.Open(new WarehouseOptions(":memory:"));

        Assert.Same(first, second);
        Assert.True(first.IsInMemory);
        using (var writer = first.OpenConnection())
        {
            writer.Execute("create table core.t (x integer); insert into core.t values (1), (2)");
        }

        using var reader = second.OpenConnection();
        Assert.Equal(2, reader.ExecuteScalar<long>("select count(*) from core.t"));
        using var other = anonymous.OpenConnection();
        Assert.Equal(0, other.ExecuteScalar<long>(
            "select count(*) from duckdb_tables() where schema_name = 'core' and table_name = 't'"));
        Assert.False(File.Exists(name), "a named in-memory warehouse must not create a file");
    }
}
