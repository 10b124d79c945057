namespace CsKpi.Warehouse;

/// <summary>
/// The warehouse's folder or file cannot be written by this process (a read-only folder or mount, a file owned by
/// another user). Running again cannot help, so the message names the path and what to change, and callers stop.
/// </summary>
public sealed class WarehouseNotWritableException(string path, string what, Exception? innerException = null)
    : IOException(Describe(path, what), innerException)
{
    /// <summary>The folder or file that could not be written.</summary>
    public string Path { get; } = path;

    private static string Describe(string path, string what) =>
        $"The warehouse cannot be written: {what} {path} is not writable by this process (user {Environment.UserName}). "
        + "DuckDB writes the warehouse file, its WAL and its spill files there. Make that folder and file writable, or "
        + "point the warehouse elsewhere (--warehouse PATH, CSKPI_WAREHOUSE or Warehouse:Path). Nothing was changed.";
}
