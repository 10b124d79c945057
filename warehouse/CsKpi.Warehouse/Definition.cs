using System.Text.RegularExpressions;

namespace CsKpi.Warehouse;

/// <summary>
/// A macro or view: the text of <c>sql/macros/&lt;schema&gt;.&lt;name&gt;.sql</c> or <c>sql/views/&lt;schema&gt;.&lt;name&gt;.sql</c>,
/// one object per file, written <c>create or replace</c>. Unlike a migration it holds no data, so it is not applied
/// once and frozen: <see cref="MigrationRunner"/> re-creates every definition on every open, and changing a macro
/// or view is an edit of its file (docs/operations.md, "Schema changes").
/// </summary>
/// <param name="Kind"><c>macro</c> or <c>view</c>, from the folder.</param>
/// <param name="Name">The object's qualified name, from the file name: <c>marts.ratio</c>.</param>
/// <param name="Path">The file under <c>sql/</c>: <c>macros/marts.ratio.sql</c>.</param>
/// <param name="Sql">The text, as <see cref="SqlScripts.Get"/> gives it (templates expanded).</param>
public sealed partial record Definition(string Kind, string Name, string Path, string Sql)
{
    private static readonly (string Folder, string Kind)[] Folders = [("macros/", "macro"), ("views/", "view")];

    /// <summary>The definitions shipped inside this assembly, by path (the order does not matter: see <see cref="MigrationRunner"/>).</summary>
    public static IReadOnlyList<Definition> Embedded { get; } = LoadEmbedded();

    /// <summary>Reads the <c>sql/macros</c> and <c>sql/views</c> resources and checks each defines what it is named after.</summary>
    public static IReadOnlyList<Definition> LoadEmbedded()
    {
        var assembly = typeof(Definition).Assembly;
        var found = new List<Definition>();
        foreach (var resource in assembly.GetManifestResourceNames().Order(StringComparer.Ordinal))
        {
            foreach (var (folder, kind) in Folders)
            {
                if (!resource.StartsWith("sql/" + folder, StringComparison.Ordinal))
                {
                    continue;
                }

                var path = resource["sql/".Length..];
                var fileName = path[folder.Length..];
                var parts = FileNamePattern().Match(fileName);
                if (!parts.Success)
                {
                    throw new InvalidOperationException(
                        $"Definition file sql/{path} is not named <schema>.<name>.sql after the {kind} it creates.");
                }

                found.Add(Of(kind, parts.Groups["name"].Value, path, SqlScripts.Get(path)));
            }
        }

        return found;
    }

    /// <summary>A definition whose text is checked to create (or replace) the object it is named after.</summary>
    public static Definition Of(string kind, string name, string path, string sql)
    {
        var creates = new Regex(
            $@"^\s*create\s+or\s+replace\s+{kind}\s+{Regex.Escape(name)}\s*[(\s]",
            RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant);
        if (!creates.IsMatch(sql))
        {
            throw new InvalidOperationException(
                $"sql/{path} must create its {kind} as 'create or replace {kind} {name}': it is re-created on every open.");
        }

        return new Definition(kind, name, path, sql);
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+\.[a-z0-9_]+)\.sql$")]
    private static partial Regex FileNamePattern();
}
