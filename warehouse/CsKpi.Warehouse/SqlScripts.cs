using System.Collections.Concurrent;
using CsKpi.Warehouse.Metrics;

namespace CsKpi.Warehouse;

/// <summary>
/// The embedded <c>sql/{raw,core,marts,checks}/*.sql</c> files, by path: one model per file, named after its table,
/// so C# runs them by name and never spells a transformation inline. A file with metric placeholders
/// (<c>/*{sums:team}*/</c>, <c>/*{ratios:store}*/</c>, …) is a template: it is returned with the lists of
/// <see cref="MetricRegistry.Embedded"/> filled in (<see cref="MetricSql"/>).
/// </summary>
public static class SqlScripts
{
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    /// <summary>The text of e.g. <c>raw/chat_message.sql</c>.</summary>
    public static string Get(string relativePath) => Cache.GetOrAdd(relativePath, static path =>
    {
        var assembly = typeof(SqlScripts).Assembly;
        using var stream = assembly.GetManifestResourceStream("sql/" + path)
            ?? throw new ArgumentException($"No SQL file sql/{path} is embedded in {assembly.GetName().Name}.", nameof(relativePath));
        using var reader = new StreamReader(stream);
        return MetricSql.Expand(reader.ReadToEnd(), MetricRegistry.Embedded);
    });

    /// <summary>Whether <c>sql/{relativePath}</c> is embedded.</summary>
    public static bool Exists(string relativePath) =>
        typeof(SqlScripts).Assembly.GetManifestResourceInfo("sql/" + relativePath) is not null;

    /// <summary>Whether <paramref name="sql"/> holds a statement, not only comment lines.</summary>
    internal static bool HasStatements(string sql) =>
        sql.Split('\n').Any(line => line.Trim() is { Length: > 0 } text && !text.StartsWith("--", StringComparison.Ordinal));

    /// <summary>The embedded files under <c>sql/{folder}/</c>, by their path (e.g. <c>macros/marts.agent_metric.sql</c>), in name order.</summary>
    public static IReadOnlyList<string> Under(string folder) =>
        typeof(SqlScripts).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith("sql/" + folder + "/", StringComparison.Ordinal))
            .Select(name => name["sql/".Length..])
            .Order(StringComparer.Ordinal)
            .ToList();
}
