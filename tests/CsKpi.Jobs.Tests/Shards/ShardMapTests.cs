using CsKpi.Jobs.Sharding;

namespace CsKpi.Jobs.Tests.Shards;

/// <summary>Jobs:Shards as configuration gives it: stores to shards, each shard its own file, inbox and queue.</summary>
public sealed class ShardMapTests
{
    private static readonly string Base = Path.Combine(Path.GetTempPath(), "cskpi-shards");

    private static ShardMap Map(params (string Name, string? Warehouse, string? Inbox, string[] Stores)[] shards) =>
        ShardMap.From(shards.ToDictionary(s => s.Name, s => new ShardOptions { Warehouse = s.Warehouse, Inbox = s.Inbox, Stores = [.. s.Stores] }), Base);

    [Fact]
    public void No_shards_is_todays_one_warehouse()
    {
        Assert.True(ShardMap.From(null, Base).IsEmpty);
        Assert.True(ShardMap.From(new Dictionary<string, ShardOptions>(), Base).IsEmpty);
        Assert.Null(ShardMap.None.ShardOf("朵朵云旗舰店"));
    }

    [Fact]
    public void Each_shard_has_its_queue_its_lock_its_file_and_an_inbox_beside_it_unless_told()
    {
        var map = Map(("north", "north/cskpi.duckdb", null, ["朵朵云旗舰店", "暖居家纺专营店"]), ("south", "/srv/south.duckdb", "drop/south", ["山野茶舍"]));

        var north = map.Get("north");
        Assert.Equal("shard_north", north.Queue);
        Assert.Equal("cskpi:shard:north", north.LockResource);
        Assert.Equal(Path.Combine(Base, "north", "cskpi.duckdb"), north.Warehouse);
        Assert.Equal(Path.Combine(Base, "north", "inbox"), north.Inbox);
        Assert.Equal("/srv/south.duckdb", map.Get("south").Warehouse);
        Assert.Equal(Path.Combine(Base, "drop", "south"), map.Get("south").Inbox);
        Assert.Same(north, map.ShardOf("暖居家纺专营店"));
        Assert.Equal("south", map.ShardOf("山野茶舍")!.Name);
        Assert.Null(map.ShardOf("木子鞋履"));
        Assert.Equal(["north", "south"], map.All.Select(s => s.Name));
    }

    [Theory]
    [InlineData("North", "may hold only lower-case letters a-z, digits and _")]
    [InlineData("a-b", "may hold only lower-case letters a-z, digits and _")]
    public void A_name_that_cannot_be_a_queue_is_refused(string name, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Map((name, "x.duckdb", null, [])));
        Assert.Contains($"Jobs:Shards:{name}", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shard_without_a_warehouse_file_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Map(("a", null, null, [])));
        Assert.Equal("Jobs:Shards:a:Warehouse is missing: each shard is its own DuckDB warehouse file.", error.Message);
    }

    [Fact]
    public void A_store_in_two_shards_or_two_shards_in_one_file_is_refused()
    {
        var store = Assert.Throws<InvalidOperationException>(() => Map(("a", "a.duckdb", null, ["山野茶舍"]), ("b", "b.duckdb", "b-inbox", ["山野茶舍"])));
        Assert.Contains("shards a and b all list the store 山野茶舍", store.Message, StringComparison.Ordinal);

        var file = Assert.Throws<InvalidOperationException>(() => Map(("a", "one.duckdb", "a-inbox", []), ("b", "./one.duckdb", "b-inbox", [])));
        Assert.Contains("shards a and b share the warehouse file", file.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_shard_names_the_ones_there_are()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Map(("a", "a.duckdb", null, [])).Get("c"));
        Assert.Equal("there is no shard 'c'; the shards configured (Jobs:Shards) are: a", error.Message);
    }

    [Fact]
    public void The_settings_file_is_the_sites_appsettings_shape_with_paths_from_its_folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cskpi-settings-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var file = Path.Combine(folder, "appsettings.json");
            File.WriteAllText(file, """
                {
                  // comments, as appsettings.json may have
                  "ConnectionStrings": { "Jobs": "Host=db" },
                  "jobs": { "invisibilitySeconds": 20, "Shards": { "a": { "Warehouse": "a/cskpi.duckdb", "Stores": [ "朵朵云旗舰店" ] } } },
                }
                """);

            var map = ShardMap.FromSettingsFile(file);
            Assert.Equal(Path.Combine(folder, "a", "cskpi.duckdb"), map.Get("a").Warehouse);
            Assert.Equal("a", map.ShardOf("朵朵云旗舰店")!.Name);
            var settings = Settings.Read(file);
            Assert.Equal("Host=db", settings.ConnectionStrings!["Jobs"]);
            Assert.Equal(20, settings.Jobs!.InvisibilitySeconds);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
