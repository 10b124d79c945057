using System.Text;
using CsKpi.Etl;
using CsKpi.Tests.Shared;
using CsKpi.Warehouse;
using Dapper;

namespace CsKpi.Etl.Tests.Support;

/// <summary>A fresh warehouse file (a copy of the migrated template) and an empty inbox in a temporary folder, deleted afterwards.</summary>
public sealed class EtlTestBed : IDisposable
{
    /// <param name="store">The store given as <c>cskpi ingest --store</c> would give it.</param>
    public EtlTestBed(string? store = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "cskpi-etl-" + Guid.NewGuid().ToString("N"));
        Inbox = Path.Combine(Root, "inbox");
        Directory.CreateDirectory(Inbox);
        // A copy of the run's migrated template (tests/Shared/WarehouseTemplate.cs): what a first open would create.
        Warehouse = WarehouseTemplate.Open(Path.Combine(Root, "cskpi.duckdb"));
        Loader = new InboxLoader(Warehouse, new EtlOptions { Inbox = Inbox, Store = store });
    }

    public string Root { get; }
    public string Inbox { get; }
    public WarehouseDatabase Warehouse { get; }
    public InboxLoader Loader { get; }

    public static readonly Encoding Utf8 = new UTF8Encoding(false);

    public static Encoding Gbk
    {
        get
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(936);
        }
    }

    public string Write(string name, string content, Encoding? encoding = null)
    {
        var path = Path.Combine(Inbox, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content, encoding ?? Utf8);
        return path;
    }

    /// <summary>Copies a hand-made file of Fixtures/layouts into the inbox as <paramref name="name"/>, written in <paramref name="encoding"/>.</summary>
    public string Drop(string fixture, string name, Encoding encoding)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "layouts", fixture), Utf8);
        return Write(name, text, encoding);
    }

    public IReadOnlyList<FileLoadReport> Ingest() => Loader.IngestInbox();

    public FileLoadReport IngestOne(string name) => Assert.Single(Ingest(), r => r.File == name);

    public List<T> Query<T>(string sql, object? parameters = null)
    {
        using var connection = Warehouse.OpenConnection();
        return connection.Query<T>(sql, parameters).ToList();
    }

    public T Scalar<T>(string sql, object? parameters = null)
    {
        using var connection = Warehouse.OpenConnection();
        return connection.ExecuteScalar<T>(sql, parameters)!;
    }

    public sealed record Reject(long Line, string? Column, string? Value, string Reason);

    public List<Reject> Rejects(string file) =>
        Query<Reject>("select line as Line, column_name as Column, value as Value, reason as Reason from etl.rejects where file_name = $file order by line", new { file });

    public void Dispose()
    {
        Warehouse.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine; the temp folder is cleaned by the OS eventually.
        }
    }
}
