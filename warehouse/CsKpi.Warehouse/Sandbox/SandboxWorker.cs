using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;

namespace CsKpi.Warehouse;

/// <summary>
/// The process one sandboxed query runs in (started by <see cref="SqlSandbox"/> as <c>CsKpi.Sandbox.dll</c>). It bounds
/// its own memory with the operating system before DuckDB starts: DuckDB's <c>memory_limit</c> covers its buffer
/// manager, not the strings and lists a query builds (<c>repeat('x', 3000000000)</c> asks for 4 GB in one piece), and
/// only the kernel refuses those. A query that needs more fails here, or kills this process, never the site.
/// </summary>
public static class SandboxWorker
{
    // RLIMIT_DATA counts the process's private writable memory (heap, mmap'd arenas), not the address space the .NET
    // runtime reserves without using, so it bounds what DuckDB's allocator can take and leaves the runtime working.
    private const int RlimitData = 2;

    public static int Serve(Stream input, Stream output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        using var reader = new StreamReader(input, Encoding.UTF8);
        var request = JsonSerializer.Deserialize<SandboxRequest>(reader.ReadToEnd())
            ?? throw new InvalidDataException("the sandbox worker was started without a request");
        using var writer = new BinaryWriter(new BufferedStream(output, 64 * 1024), Encoding.UTF8);
        try
        {
            LimitMemory(request.WorkerMemoryBytes);
            Answer(request, writer);
        }
        catch (SqlSandboxException refused)
        {
            Refuse(writer, refused);
        }
        catch (DuckDBException error)
        {
            Refuse(writer, SqlSandbox.Refusal(error.Message));
        }
        catch (OutOfMemoryException)
        {
            Refuse(writer, new SqlSandboxException(SqlSandbox.OutOfMemory) { Reason = "out_of_memory" });
        }

        writer.Flush();
        return 0;
    }

    private static void Answer(SandboxRequest request, BinaryWriter output)
    {
        using var connection = Open(request);
        SqlSandbox.Admit(connection, request.Query);
        using var command = connection.CreateCommand();
        command.CommandText = request.Query;
        command.UseStreamingMode = true;
        using var reader = command.ExecuteReader();

        // The first row is read before the columns are sent, so a query that fails at once is refused before the
        // asker has begun an answer (a CSV download has not started, the page shows the reason alone).
        var more = reader.Read();
        output.Write((byte)SandboxWire.Frame.Columns);
        output.Write(reader.FieldCount);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            output.Write(reader.GetName(i));
            output.Write(reader.GetDataTypeName(i));
            output.Write((byte)SandboxWire.KindOf(reader.GetFieldType(i)));
        }

        using var buffer = new MemoryStream();
        using var row = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true);
        long number = 0;
        while (more)
        {
            number++;
            buffer.SetLength(0);
            row.Write((byte)SandboxWire.Frame.Row);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                SandboxWire.WriteValue(row, reader.IsDBNull(i) ? null : reader.GetValue(i));
                if (buffer.Length > request.MaxRowBytes)
                {
                    throw new SqlSandboxException(string.Create(CultureInfo.InvariantCulture,
                        $"Row {number:N0} holds more than {request.MaxRowBytes / 1024:N0} KB (column {reader.GetName(i)}); the sandbox hands over rows of at most that size. Select fewer or shorter values, e.g. left(column, 1000)."))
                    {
                        // row, kilobytes and column, for the site to word
                        Reason = "row_too_big", Detail = string.Create(CultureInfo.InvariantCulture, $"{number}|{request.MaxRowBytes / 1024}|{reader.GetName(i)}"),
                    };
                }
            }

            row.Flush();
            buffer.WriteTo(output.BaseStream);
            more = reader.Read();
        }

        output.Write((byte)SandboxWire.Frame.End);
    }

    /// <summary>
    /// The snapshot by its file name (the worker starts in its folder), so the settings name its temporary folder
    /// <c>analyst.duckdb.tmp</c>; nothing spills there (<c>max_temp_directory_size</c> 0: the disk is not the analysts'
    /// either); the extension and secret folders named relative, so no home folder shows. DuckDB still resolves the
    /// database's own path for <c>duckdb_databases()</c> and <c>allowed_paths</c> (docs/operations.md).
    /// </summary>
    private static DuckDBConnection Open(SandboxRequest request)
    {
        if (request.DatabaseFile.IndexOfAny([';', '/', '\\']) >= 0)
        {
            throw new SqlSandboxException($"The snapshot file name '{request.DatabaseFile}' cannot be opened by the sandbox.");
        }

        // Settings given at start-up rather than by SET: the engine never exists without them, not even for a moment.
        // The one exception is a lake: allowed_directories is a list, which the start-up settings cannot carry, so the
        // engine opens without the last two and sets them — the folder, then no external access, then the lock —
        // before it runs anything of the analyst's.
        var lake = request.LakeDirectory;
        var locked = lake is null ? ";enable_external_access=false;lock_configuration=true" : "";
        var connection = new DuckDBConnection(string.Create(CultureInfo.InvariantCulture,
            $"Data Source={request.DatabaseFile};max_temp_directory_size=0KB;ACCESS_MODE=READ_ONLY;autoload_known_extensions=false;autoinstall_known_extensions=false;allow_community_extensions=false;extension_directory=extensions;secret_directory=secrets;memory_limit={request.MemoryLimit};threads={request.Threads}{locked}"));
        try
        {
            connection.Open();
            if (lake is not null)
            {
                using var command = connection.CreateCommand();
                var folder = lake.EndsWith('/') ? lake : lake + "/";
                command.CommandText = $"set allowed_directories = [{WarehouseDatabase.Literal(folder)}]; set enable_external_access = false; set lock_configuration = true;";
                command.ExecuteNonQuery();
            }
        }
        catch (DuckDBException error)
        {
            connection.Dispose();
            throw new SqlSandboxException($"The analyst snapshot could not be opened: {error.Message}", error);
        }

        return connection;
    }

    private static void LimitMemory(long bytes)
    {
        if (!OperatingSystem.IsLinux())
        {
            // Elsewhere only DuckDB's memory_limit and the time limit hold; docs/operations.md says so.
            return;
        }

        var limit = new ResourceLimit { Current = (ulong)bytes, Maximum = (ulong)bytes };
        if (setrlimit(RlimitData, ref limit) != 0)
        {
            throw new SqlSandboxException($"The sandbox could not bound its memory (setrlimit failed with error {Marshal.GetLastPInvokeError()}), so it runs nothing.");
        }
    }

    /// <summary>The refusal frame: the message, then its reason and detail (the site words those).</summary>
    private static void Refuse(BinaryWriter output, SqlSandboxException refused)
    {
        output.Write((byte)SandboxWire.Frame.Refused);
        output.Write(refused.Message);
        output.Write(refused.Reason);
        output.Write(refused.Detail ?? "");
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int setrlimit(int resource, ref ResourceLimit limit);
}
