using System.Collections.Concurrent;

namespace CsKpi.Warehouse;

/// <summary>
/// The embedded <c>sql/{raw,core,marts,checks}/*.sql</c> files, by path: one model per file, named after its table,
/// so C# runs them by name and never spells a transformation inline.
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
        return reader.ReadToEnd();
    });
}
