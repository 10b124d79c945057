using Microsoft.Extensions.Options;
using CsKpi.Warehouse;

namespace CsKpi.Web.Site;

// The site's settings, one class per configuration section (appsettings.json, environment variables such as
// Etl__Inbox, or --Section:Key=value on the command line), bound once in SiteOptions.AddSiteOptions. docs/web.md and
// docs/operations.md list them.

/// <summary><c>Warehouse</c>: the warehouse file (else <c>CSKPI_WAREHOUSE</c>, else <c>data/cskpi.duckdb</c>) and how much memory the site's DuckDB may use.</summary>
public sealed class WarehouseFileOptions
{
    public const string Section = "Warehouse";

    public string? Path { get; set; }

    /// <summary>
    /// DuckDB's <c>memory_limit</c> for the site's engine, in DuckDB's syntax. The site serves pages and runs the
    /// scheduled ingests in one process, so this, the bounded caches (<c>Cache:SizeMB</c>) and the runtime make the
    /// site's memory bound (docs/operations.md, "The site's memory"): 2 GiB lets an ingest spill rather than grow.
    /// Unset, <c>CSKPI_MEMORY_LIMIT</c> (as for <c>cskpi</c>), else <see cref="DefaultMemoryLimit"/>.
    /// </summary>
    public string? MemoryLimit { get; set; }

    public const string DefaultMemoryLimit = "2GiB";

    /// <summary>Where DuckDB spills past the limit; unset, <c>CSKPI_TEMP_DIRECTORY</c>, else <c>&lt;warehouse&gt;.tmp</c>.</summary>
    public string? TempDirectory { get; set; }

    /// <summary>The warehouse's options: this section first, then the environment, then the defaults.</summary>
    public WarehouseOptions ToWarehouseOptions()
    {
        var options = WarehouseOptions.FromEnvironment(Path, DefaultMemoryLimit);
        return options with
        {
            MemoryLimit = string.IsNullOrWhiteSpace(MemoryLimit) ? options.MemoryLimit
                : WarehouseOptions.CheckMemoryLimit(MemoryLimit.Trim(), $"{Section}:MemoryLimit"),
            TempDirectory = string.IsNullOrWhiteSpace(TempDirectory) ? options.TempDirectory : TempDirectory,
        };
    }
}

/// <summary>
/// <c>Lake</c>: the Parquet lake's root (docs/scale-out.md), else <c>CSKPI_LAKE</c>; unset, the site writes no lake and
/// the firm-wide page says so. Every server of a firm names the same shared folder.
/// </summary>
public sealed class LakeOptions
{
    public const string Section = "Lake";

    public string? Path { get; set; }
}

/// <summary><c>Cache</c>: the site's one in-memory cache of rendered charts and aggregate rows.</summary>
public sealed class CacheOptions
{
    public const string Section = "Cache";

    /// <summary>Its bound; the least recently used entries go first when it is full.</summary>
    public long SizeMB { get; set; } = 64;
}

/// <summary><c>Etl</c>: the inbox the site uploads to and ingests from, and the upload limits.</summary>
public sealed class InboxOptions
{
    public const string Section = "Etl";

    /// <summary>The inbox; empty: <c>inbox</c> beside the warehouse file (data/inbox by default, as cskpi).</summary>
    public string? Inbox { get; set; }

    /// <summary>The largest file one upload may hold.</summary>
    public long MaxUploadBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>The most one upload form's request may hold, all its files together.</summary>
    public long MaxUploadRequestBytes { get; set; } = 256L * 1024 * 1024;

    public string InboxPath(WarehouseDatabase warehouse) =>
        Inbox is { Length: > 0 } configured ? configured : System.IO.Path.Combine(System.IO.Path.GetDirectoryName(warehouse.CanonicalPath)!, "inbox");
}

/// <summary><c>Sql</c>: the SQL page's sandbox (how many queries at once, how long one waits, each query's limits).</summary>
public sealed class SqlPageOptions
{
    public const string Section = "Sql";

    public int MaxConcurrent { get; set; } = 2;
    public double QueueSeconds { get; set; } = 5.0;
    public double TimeLimitSeconds { get; set; } = 30.0;
    public string MemoryLimit { get; set; } = SandboxOptions.Default.MemoryLimit;
    public long WorkerMemoryMB { get; set; } = SandboxOptions.Default.WorkerMemoryBytes / 1024 / 1024;

    public SandboxOptions Sandbox() => new()
    {
        TimeLimit = TimeSpan.FromSeconds(TimeLimitSeconds),
        MemoryLimit = MemoryLimit,
        WorkerMemoryBytes = WorkerMemoryMB * 1024 * 1024,
    };
}

/// <summary><c>Jobs</c>: Hangfire's storage and workers, and cron overrides of the schedule (<c>Jobs:Schedule:{id}</c>).</summary>
public sealed class JobHostingOptions
{
    public const string Section = "Jobs";

    /// <summary>
    /// <c>InMemory</c> keeps queues and history in this process (the default of <c>dotnet run</c>); <c>Postgres</c>
    /// shares them with other job servers through <c>ConnectionStrings:Jobs</c> (or <c>CSKPI_JOBS_POSTGRES</c>, which
    /// alone also chooses Postgres when this is not set).
    /// </summary>
    public string? Storage { get; set; }

    /// <summary>Store shards, <c>Jobs:Shards:{name}:Warehouse|Inbox|Stores</c> (docs/scale-out.md); none by default.</summary>
    public Dictionary<string, CsKpi.Jobs.Sharding.ShardOptions> Shards { get; set; } = [];

    /// <summary>Which shards' queues this site's job server listens on: <c>all</c> (the default), <c>none</c> (workers
    /// on other machines run them), or names separated by commas.</summary>
    public string ServeShards { get; set; } = "all";

    /// <summary>Postgres only: a killed server's job goes to another this long after its last heartbeat.</summary>
    public double? InvisibilitySeconds { get; set; }

    /// <summary>Postgres only: the longest a job may hold its lock (Hangfire.PostgreSql's DistributedLockTimeout).</summary>
    public double? LockTimeoutSeconds { get; set; }

    /// <summary>Worker threads (2: the jobs serialise on the warehouse anyway).</summary>
    public int Workers { get; set; } = 2;

    public double PollSeconds { get; set; } = 5.0;

    public Dictionary<string, string?> Schedule { get; set; } = [];
}

/// <summary><c>Charts</c>: the font file charts draw with (else the first CJK font found).</summary>
public sealed class ChartOptions
{
    public const string Section = "Charts";

    public string? FontFile { get; set; }
}

/// <summary><c>SignIn</c>: sign-in attempts per client address and minute.</summary>
public sealed class SignInOptions
{
    public const string Section = "SignIn";

    public int AttemptsPerMinute { get; set; } = 10;
}

/// <summary><c>CSKPI_ADMIN_PASSWORD</c> (top level, usually the environment variable): the first admin's password.</summary>
public sealed class FirstAdminOptions
{
    [Microsoft.Extensions.Configuration.ConfigurationKeyName("CSKPI_ADMIN_PASSWORD")]
    public string? Password { get; set; }
}

public static class SiteOptions
{
    /// <summary>Binds every section above; a class reads its settings as <c>IOptions&lt;T&gt;</c>.</summary>
    public static IServiceCollection AddSiteOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WarehouseFileOptions>().BindConfiguration(WarehouseFileOptions.Section);
        services.AddOptions<LakeOptions>().BindConfiguration(LakeOptions.Section);
        services.AddOptions<InboxOptions>().BindConfiguration(InboxOptions.Section);
        services.AddOptions<SqlPageOptions>().BindConfiguration(SqlPageOptions.Section);
        services.AddOptions<ChartOptions>().BindConfiguration(ChartOptions.Section);
        services.AddOptions<SignInOptions>().BindConfiguration(SignInOptions.Section);
        services.AddOptions<ListOptions>().BindConfiguration(ListOptions.Section);
        services.AddOptions<CacheOptions>().BindConfiguration(CacheOptions.Section);
        services.AddOptions<FirstAdminOptions>().Bind(configuration);
        return services;
    }

    public static T Value<T>(this IServiceProvider provider) where T : class => provider.GetRequiredService<IOptions<T>>().Value;
}
