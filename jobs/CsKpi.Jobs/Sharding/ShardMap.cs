using CsKpi.Etl;
using CsKpi.Warehouse;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CsKpi.Jobs.Sharding;

/// <summary>
/// One shard as configuration gives it (<c>Jobs:Shards:{name}</c>): its DuckDB warehouse file, the inbox its stores'
/// exports are dropped in (default: <c>inbox</c> beside the warehouse file), and the stores it holds.
/// </summary>
public sealed class ShardOptions
{
    public string? Warehouse { get; set; }
    public string? Inbox { get; set; }
    public List<string> Stores { get; set; } = [];

    /// <summary>DuckDB's memory limit while a job has the shard open (<c>2GiB</c>); default 60 % of the process's memory.</summary>
    public string? MemoryLimit { get; set; }
}

/// <summary>
/// A shard: one DuckDB warehouse file for some of a firm's stores. DuckDB allows one writer, so one server at a time
/// owns it (the one holding <see cref="LockResource"/>); its ingest, recompute and snapshot jobs all go to
/// <see cref="Queue"/>, which only the servers that serve the shard listen on.
/// </summary>
public sealed record Shard(string Name, string Warehouse, string Inbox, IReadOnlyList<string> Stores)
{
    public const string QueuePrefix = "shard_";

    /// <summary>The shard's Hangfire queue, <c>shard_{name}</c>.</summary>
    public string Queue => QueuePrefix + Name;

    /// <summary>The distributed lock every job of the shard holds while its warehouse file is open.</summary>
    public string LockResource => "cskpi:shard:" + Name;

    /// <summary><see cref="ShardOptions.MemoryLimit"/>; null for DuckDB's default of this code base.</summary>
    public string? MemoryLimit { get; init; }
}

/// <summary>
/// Which stores live in which shard (<c>Jobs:Shards</c>). Empty — the default — is today's deployment: one
/// warehouse, its jobs on Hangfire's default queue.
/// </summary>
public sealed partial class ShardMap
{
    public static ShardMap None { get; } = new([]);

    private readonly Dictionary<string, Shard> byName;
    private readonly Dictionary<string, Shard> byStore;

    private ShardMap(IReadOnlyList<Shard> shards, string? lakePath = null)
    {
        All = shards;
        LakePath = lakePath;
        byName = shards.ToDictionary(s => s.Name, StringComparer.Ordinal);
        byStore = shards.SelectMany(s => s.Stores.Select(store => (store, s))).ToDictionary(p => p.store, p => p.s, StringComparer.Ordinal);
    }

    public IReadOnlyList<Shard> All { get; }

    /// <summary>
    /// The Parquet lake every shard writes its partitions to after a recompute (<c>Lake:Path</c>, else
    /// <c>CSKPI_LAKE</c>): one folder the servers share, so the firm-wide page reads every shard's stores from it.
    /// </summary>
    public string? LakePath { get; }

    public bool IsEmpty => All.Count == 0;

    /// <summary>The shard called <paramref name="name"/>; a message naming the shards there are when none is.</summary>
    public Shard Get(string name) => byName.TryGetValue(name, out var shard) ? shard
        : throw new InvalidOperationException($"there is no shard '{name}'; the shards configured (Jobs:Shards) are: "
            + (IsEmpty ? "none" : string.Join(", ", byName.Keys)));

    /// <summary>The shard that holds <paramref name="store"/>; null for a store no shard lists.</summary>
    public Shard? ShardOf(string store) => byStore.GetValueOrDefault(store);

    /// <summary>
    /// The store list <paramref name="shard"/>'s ingest enforces (<see cref="EtlOptions.Shard"/>): its own stores, and
    /// where every other shard's store goes, so a file refused there names the shard and inbox it belongs in.
    /// </summary>
    public ShardStores StoresFor(Shard shard) =>
        new(shard.Name, shard.Stores, byStore.Where(p => p.Value.Name != shard.Name)
            .ToDictionary(p => p.Key, p => new StoreHome(p.Value.Name, p.Value.Inbox), StringComparer.Ordinal));

    /// <summary>
    /// The map from configuration's shape. Relative paths are taken from <paramref name="baseDirectory"/> (the
    /// configuration file's folder, or the current folder). A shard name becomes a queue name, so it is lower-case
    /// letters, digits and _; no two shards share a warehouse file, an inbox or a store.
    /// </summary>
    public static ShardMap From(IReadOnlyDictionary<string, ShardOptions>? shards, string baseDirectory, string? lakePath = null)
    {
        if (shards is null || shards.Count == 0)
        {
            return None;
        }

        // Lake:Path of the settings, else CSKPI_LAKE as every program reads it (WarehouseOptions.FromEnvironment).
        var lake = lakePath is { Length: > 0 } ? Path.GetFullPath(lakePath, baseDirectory)
            : WarehouseOptions.FromEnvironment().LakePath is { } fromEnvironment ? Path.GetFullPath(fromEnvironment) : null;

        var built = new List<Shard>();
        foreach (var (name, options) in shards.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            if (!ShardName().IsMatch(name))
            {
                throw new InvalidOperationException(
                    $"Jobs:Shards:{name}: a shard's name becomes its job queue (shard_{name}), so it may hold only lower-case letters a-z, digits and _.");
            }

            if (options.Warehouse is not { Length: > 0 } warehouse)
            {
                throw new InvalidOperationException($"Jobs:Shards:{name}:Warehouse is missing: each shard is its own DuckDB warehouse file.");
            }

            var path = Path.GetFullPath(warehouse, baseDirectory);
            var inbox = options.Inbox is { Length: > 0 } given ? Path.GetFullPath(given, baseDirectory) : Path.Combine(Path.GetDirectoryName(path)!, "inbox");
            built.Add(new Shard(name, path, inbox, options.Stores.Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList())
            {
                MemoryLimit = options.MemoryLimit is { Length: > 0 } limit ? limit : null,
            });
        }

        Refuse(built.GroupBy(s => s.Warehouse), "share the warehouse file", g => g.Key);
        Refuse(built.GroupBy(s => s.Inbox), "share the inbox", g => g.Key);
        Refuse(built.SelectMany(s => s.Stores.Select(store => (store, s))).GroupBy(p => p.store, p => p.s), "all list the store", g => g.Key);
        return new ShardMap(built, lake);

        static void Refuse<T>(IEnumerable<IGrouping<string, T>> groups, string what, Func<IGrouping<string, T>, string> key)
        {
            if (groups.FirstOrDefault(g => g.Count() > 1) is { } clash)
            {
                var names = clash.Select(item => item is Shard shard ? shard.Name : item?.ToString());
                throw new InvalidOperationException($"Jobs:Shards: shards {string.Join(" and ", names)} {what} {key(clash)}; "
                    + "each store lives in one shard, each shard in its own warehouse file and inbox.");
            }
        }
    }

    /// <summary>
    /// The map from a JSON settings file of the site's shape (an appsettings.json: <c>{"Jobs": {"Shards": {…}}}</c>),
    /// paths relative to the file's folder. What <c>cskpi serve --config</c> reads, so the site and its workers can
    /// share one file.
    /// </summary>
    public static ShardMap FromSettingsFile(string path)
    {
        var settings = Settings.Read(path);
        return From(settings.Jobs?.Shards, Path.GetDirectoryName(Path.GetFullPath(path))!, settings.Lake?.Path);
    }

    [GeneratedRegex("^[a-z0-9_]+$")]
    private static partial Regex ShardName();
}

/// <summary>The part of a site's settings file a job server reads (names as in appsettings.json, any letter case).</summary>
public sealed class Settings
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public Dictionary<string, string>? ConnectionStrings { get; set; }

    public JobSettings? Jobs { get; set; }

    /// <summary><c>Lake:Path</c>: the shared Parquet lake's root.</summary>
    public LakeSettings? Lake { get; set; }

    public sealed class LakeSettings
    {
        public string? Path { get; set; }
    }

    public sealed class JobSettings
    {
        public string? Storage { get; set; }
        public Dictionary<string, ShardOptions>? Shards { get; set; }
        public double? InvisibilitySeconds { get; set; }
        public double? LockTimeoutSeconds { get; set; }
    }

    public static Settings Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<Settings>(File.ReadAllText(path), Json) ?? new Settings();
        }
        catch (JsonException error)
        {
            throw new InvalidOperationException($"{Path.GetFullPath(path)} is not a settings file this can read: {error.Message}", error);
        }
    }
}
