using Dapper;

namespace CsKpi.Warehouse.Tests;

public sealed class PathTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Two_spellings_of_one_path_open_the_same_instance()
    {
        var plain = temp.File("data", "x.duckdb");
        var dotted = temp.File("data", "..", "data", ".", "x.duckdb");
        var relative = "./" + Path.GetRelativePath(Environment.CurrentDirectory, plain);

        using var first = WarehouseDatabase.Open(new WarehouseOptions(plain));
        using var second = WarehouseDatabase.Open(new WarehouseOptions(dotted));
        using var third = WarehouseDatabase.Open(new WarehouseOptions(relative));

        Assert.Same(first, second);
        Assert.Same(first, third);
        Assert.Equal(first.CanonicalPath, WarehouseDatabase.CanonicalizePath(dotted));
    }

    [Fact]
    public async Task Opening_from_many_threads_at_once_yields_one_instance()
    {
        var spellings = new[] { temp.File("data", "x.duckdb"), temp.File("data", ".", "x.duckdb"), temp.File("data", "..", "data", "x.duckdb") };

        var opened = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Task.Run(() => WarehouseDatabase.Open(new WarehouseOptions(spellings[i % spellings.Length])))));
        try
        {
            Assert.All(opened, warehouse => Assert.Same(opened[0], warehouse));
        }
        finally
        {
            foreach (var warehouse in opened)
            {
                warehouse.Dispose();
            }
        }

        Assert.Throws<ObjectDisposedException>(() => opened[0].OpenConnection());
    }

    [Fact]
    public void A_row_written_through_one_spelling_is_read_through_the_other()
    {
        using var first = WarehouseDatabase.Open(new WarehouseOptions(temp.File("data", "x.duckdb")));
        using var second = WarehouseDatabase.Open(new WarehouseOptions(temp.File("data", "..", "data", "x.duckdb")));

        using (var writer = first.OpenConnection())
        {
            writer.Execute("create table app.note (body varchar); insert into app.note values ('你好')");
        }

        using var reader = second.OpenConnection();
        Assert.Equal("你好", reader.ExecuteScalar<string>("select body from app.note"));
    }

    [Fact]
    public void A_symlinked_folder_maps_to_the_real_folder()
    {
        var real = Directory.CreateDirectory(temp.File("real")).FullName;
        Directory.CreateSymbolicLink(temp.File("alias"), real);

        using var viaLink = WarehouseDatabase.Open(new WarehouseOptions(temp.File("alias", "x.duckdb")));
        using var viaReal = WarehouseDatabase.Open(new WarehouseOptions(temp.File("real", "x.duckdb")));

        Assert.Same(viaReal, viaLink);
        Assert.Equal(WarehouseDatabase.CanonicalizePath(Path.Combine(real, "x.duckdb")), viaLink.CanonicalPath);
        Assert.DoesNotContain("alias", viaLink.CanonicalPath, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_symlink_to_the_file_maps_to_its_target()
    {
        var target = temp.File("real", "x.duckdb");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.CreateSymbolicLink(temp.File("x-link.duckdb"), Path.Combine("real", "x.duckdb"));

        Assert.Equal(WarehouseDatabase.CanonicalizePath(target), WarehouseDatabase.CanonicalizePath(temp.File("x-link.duckdb")));
    }

    [Fact]
    public void Opening_creates_the_missing_folder()
    {
        using var warehouse = WarehouseDatabase.Open(new WarehouseOptions(temp.File("a", "b", "c", "x.duckdb")));

        Assert.True(File.Exists(warehouse.CanonicalPath));
    }

    [Fact]
    public void A_folder_is_refused_with_a_hint()
    {
        var error = Assert.Throws<ArgumentException>(() => WarehouseDatabase.CanonicalizePath(temp.Path));

        Assert.Contains("is a folder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Disposing_the_last_opener_closes_the_file_and_a_later_open_gets_a_new_instance()
    {
        var path = temp.File("x.duckdb");
        var first = WarehouseDatabase.Open(new WarehouseOptions(path));
        var second = WarehouseDatabase.Open(new WarehouseOptions(path));
        first.Dispose();

        using (var stillOpen = second.OpenConnection())
        {
            Assert.Equal(1, stillOpen.ExecuteScalar<int>("select 1"));
        }

        second.Dispose();
        Assert.Throws<ObjectDisposedException>(() => second.OpenConnection());

        using var third = WarehouseDatabase.Open(new WarehouseOptions(path));
        Assert.NotSame(first, third);
    }

    [Fact]
    public void Analyst_snapshot_sits_beside_the_warehouse()
    {
        using var warehouse = WarehouseDatabase.Open(new WarehouseOptions(temp.File("data", "cskpi.duckdb")));

        Assert.Equal(Path.Combine(Path.GetDirectoryName(warehouse.CanonicalPath)!, "analyst.duckdb"), warehouse.AnalystSnapshotPath);
    }
}
