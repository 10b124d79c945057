using System.Collections;
using System.Data.Common;
using System.Globalization;

namespace CsKpi.Warehouse;

/// <summary>The worker's column: its name, DuckDB's type name (DATE, DECIMAL(18,2), …) and the .NET type of its values.</summary>
internal sealed record SandboxColumn(string Name, string DataTypeName, Type FieldType);

/// <summary>The worker stopped sending before its result ended: killed (time limit, cancellation) or dead (memory).</summary>
internal sealed class SandboxWorkerLostException(Exception? innerException) :
    IOException("the sandbox worker stopped before its result ended", innerException);

/// <summary>
/// A forward-only reader over the rows a sandbox worker streams back, one row in memory at a time, so the code that
/// read DuckDB's own reader (the page, the CSV and JSON writers, Dapper) reads this one unchanged.
/// </summary>
internal sealed class SandboxReader : DbDataReader
{
    private readonly BinaryReader input;
    private readonly IReadOnlyList<SandboxColumn> columns;
    private object[] row = [];
    private bool ended;

    private SandboxReader(BinaryReader input, IReadOnlyList<SandboxColumn> columns)
    {
        this.input = input;
        this.columns = columns;
    }

    /// <summary>Reads the first frame: the columns, or the worker's refusal (thrown), before any row is handed on.</summary>
    public static SandboxReader Open(BinaryReader input)
    {
        var frame = Next(input);
        if (frame == SandboxWire.Frame.Refused)
        {
            throw Refusal(input);
        }

        if (frame != SandboxWire.Frame.Columns)
        {
            throw new InvalidDataException($"the sandbox worker began with {frame}, not the columns");
        }

        var count = Guard(input.ReadInt32);
        var columns = new SandboxColumn[count];
        for (var i = 0; i < count; i++)
        {
            columns[i] = new SandboxColumn(Guard(input.ReadString), Guard(input.ReadString), SandboxWire.TypeOf((SandboxWire.Kind)Guard(input.ReadByte)));
        }

        return new SandboxReader(input, columns);
    }

    public override bool Read()
    {
        if (ended)
        {
            return false;
        }

        switch (Next(input))
        {
            case SandboxWire.Frame.Row:
                var values = new object[columns.Count];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = Guard(() => SandboxWire.ReadValue(input));
                }

                row = values;
                return true;
            case SandboxWire.Frame.End:
                ended = true;
                row = [];
                return false;
            case SandboxWire.Frame.Refused:
                ended = true;
                throw Refusal(input);
            case var other:
                throw new InvalidDataException($"the sandbox worker sent {other} among the rows");
        }
    }

    private static SandboxWire.Frame Next(BinaryReader input) => (SandboxWire.Frame)Guard(input.ReadByte);

    /// <summary>An end of stream, or a broken pipe, mid-result means the worker was stopped or died.</summary>
    private static T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception lost) when (lost is EndOfStreamException or IOException and not SandboxWorkerLostException)
        {
            throw new SandboxWorkerLostException(lost);
        }
    }

    public override int FieldCount => columns.Count;
    public override int VisibleFieldCount => columns.Count;
    public override bool HasRows => true;
    public override bool IsClosed => ended;
    public override int RecordsAffected => -1;
    public override int Depth => 0;
    public override object this[int ordinal] => GetValue(ordinal);
    public override object this[string name] => GetValue(GetOrdinal(name));

    public override string GetName(int ordinal) => columns[ordinal].Name;
    public override string GetDataTypeName(int ordinal) => columns[ordinal].DataTypeName;
    public override Type GetFieldType(int ordinal) => columns[ordinal].FieldType;

    public override int GetOrdinal(string name)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (string.Equals(columns[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        throw new IndexOutOfRangeException($"the result has no column '{name}'");
    }

    public override object GetValue(int ordinal) => row[ordinal];
    public override bool IsDBNull(int ordinal) => row[ordinal] is DBNull;

    public override int GetValues(object[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var count = Math.Min(values.Length, row.Length);
        Array.Copy(row, values, count);
        return count;
    }

    public override bool GetBoolean(int ordinal) => (bool)row[ordinal];
    public override byte GetByte(int ordinal) => Convert.ToByte(row[ordinal], CultureInfo.InvariantCulture);
    public override char GetChar(int ordinal) => Convert.ToChar(row[ordinal], CultureInfo.InvariantCulture);
    public override DateTime GetDateTime(int ordinal) => row[ordinal] is DateOnly day ? day.ToDateTime(TimeOnly.MinValue) : (DateTime)row[ordinal];
    public override decimal GetDecimal(int ordinal) => Convert.ToDecimal(row[ordinal], CultureInfo.InvariantCulture);
    public override double GetDouble(int ordinal) => Convert.ToDouble(row[ordinal], CultureInfo.InvariantCulture);
    public override float GetFloat(int ordinal) => Convert.ToSingle(row[ordinal], CultureInfo.InvariantCulture);
    public override Guid GetGuid(int ordinal) => (Guid)row[ordinal];
    public override short GetInt16(int ordinal) => Convert.ToInt16(row[ordinal], CultureInfo.InvariantCulture);
    public override int GetInt32(int ordinal) => Convert.ToInt32(row[ordinal], CultureInfo.InvariantCulture);
    public override long GetInt64(int ordinal) => Convert.ToInt64(row[ordinal], CultureInfo.InvariantCulture);
    public override string GetString(int ordinal) => (string)row[ordinal];

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) =>
        Copy((byte[])row[ordinal], dataOffset, buffer, bufferOffset, length);

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) =>
        Copy(((string)row[ordinal]).ToCharArray(), dataOffset, buffer, bufferOffset, length);

    public override bool NextResult() => false;

    public override IEnumerator GetEnumerator() => new DbEnumerator(this);

    private static long Copy<T>(T[] source, long offset, T[]? buffer, int bufferOffset, int length)
    {
        if (buffer is null)
        {
            return source.Length;
        }

        var count = (int)Math.Max(0, Math.Min(length, source.Length - offset));
        Array.Copy(source, offset, buffer, bufferOffset, count);
        return count;
    }

    /// <summary>A refusal frame's message, reason and detail (<see cref="SandboxWorker"/> writes them in that order).</summary>
    private static SqlSandboxException Refusal(BinaryReader input)
    {
        var message = Guard(input.ReadString);
        var reason = Guard(input.ReadString);
        var detail = Guard(input.ReadString);
        return new SqlSandboxException(message) { Reason = reason, Detail = detail.Length == 0 ? null : detail };
    }
}
