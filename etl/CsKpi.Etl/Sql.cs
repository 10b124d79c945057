namespace CsKpi.Etl;

/// <summary>Quoting for the SQL the loader and the layouts' staging build from a file's headers and names.</summary>
internal static class Sql
{
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    public static string Literal(string value) => "'" + value.Replace("'", "''") + "'";
}
