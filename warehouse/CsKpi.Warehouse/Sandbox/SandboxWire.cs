using System.Numerics;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CsKpi.Warehouse;

/// <summary>What <see cref="SqlSandbox"/> asks its worker process, as one JSON document on the worker's stdin.</summary>
public sealed record SandboxRequest(string Query, string DatabaseFile, string MemoryLimit, int Threads, long WorkerMemoryBytes, int MaxRowBytes)
{
    /// <summary>The lake's root (full path) the engine may read besides the snapshot; null: no file at all.</summary>
    public string? LakeDirectory { get; init; }
}

/// <summary>
/// How the worker hands a result to the process that asked: frames on its stdout, in the order columns, rows, end; or
/// a refusal (at any point: a row past the cap, an error while reading). Values keep their .NET type for the kinds a
/// query returns as scalars; lists, structs, maps and other composite values travel as the JSON text that
/// <c>QueryResults</c> would have written for them anyway.
/// </summary>
internal static class SandboxWire
{
    public enum Frame : byte
    {
        Columns = 1,
        Row = 2,
        End = 3,
        Refused = 4,
    }

    /// <summary>The kind of one value; a column's kind is the kind of its .NET field type (<see cref="Text"/> for composites).</summary>
    public enum Kind : byte
    {
        Null = 0,
        Boolean,
        SByte,
        Byte,
        Int16,
        UInt16,
        Int32,
        UInt32,
        Int64,
        UInt64,
        Single,
        Double,
        Decimal,
        BigInteger,
        Text,
        DateTime,
        DateOnly,
        TimeOnly,
        TimeSpan,
        DateTimeOffset,
        Guid,
        Bytes,
    }

    private static readonly JsonSerializerOptions Composite = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Kind KindOf(Type type) => type switch
    {
        _ when type == typeof(bool) => Kind.Boolean,
        _ when type == typeof(sbyte) => Kind.SByte,
        _ when type == typeof(byte) => Kind.Byte,
        _ when type == typeof(short) => Kind.Int16,
        _ when type == typeof(ushort) => Kind.UInt16,
        _ when type == typeof(int) => Kind.Int32,
        _ when type == typeof(uint) => Kind.UInt32,
        _ when type == typeof(long) => Kind.Int64,
        _ when type == typeof(ulong) => Kind.UInt64,
        _ when type == typeof(float) => Kind.Single,
        _ when type == typeof(double) => Kind.Double,
        _ when type == typeof(decimal) => Kind.Decimal,
        _ when type == typeof(BigInteger) => Kind.BigInteger,
        _ when type == typeof(DateTime) => Kind.DateTime,
        _ when type == typeof(DateOnly) => Kind.DateOnly,
        _ when type == typeof(TimeOnly) => Kind.TimeOnly,
        _ when type == typeof(TimeSpan) => Kind.TimeSpan,
        _ when type == typeof(DateTimeOffset) => Kind.DateTimeOffset,
        _ when type == typeof(Guid) => Kind.Guid,
        _ when type == typeof(byte[]) => Kind.Bytes,
        _ => Kind.Text,
    };

    public static Type TypeOf(Kind kind) => kind switch
    {
        Kind.Boolean => typeof(bool),
        Kind.SByte => typeof(sbyte),
        Kind.Byte => typeof(byte),
        Kind.Int16 => typeof(short),
        Kind.UInt16 => typeof(ushort),
        Kind.Int32 => typeof(int),
        Kind.UInt32 => typeof(uint),
        Kind.Int64 => typeof(long),
        Kind.UInt64 => typeof(ulong),
        Kind.Single => typeof(float),
        Kind.Double => typeof(double),
        Kind.Decimal => typeof(decimal),
        Kind.BigInteger => typeof(BigInteger),
        Kind.DateTime => typeof(DateTime),
        Kind.DateOnly => typeof(DateOnly),
        Kind.TimeOnly => typeof(TimeOnly),
        Kind.TimeSpan => typeof(TimeSpan),
        Kind.DateTimeOffset => typeof(DateTimeOffset),
        Kind.Guid => typeof(Guid),
        Kind.Bytes => typeof(byte[]),
        _ => typeof(string),
    };

    public static void WriteValue(BinaryWriter output, object? value)
    {
        switch (value)
        {
            case null or DBNull: output.Write((byte)Kind.Null); break;
            case bool v: output.Write((byte)Kind.Boolean); output.Write(v); break;
            case sbyte v: output.Write((byte)Kind.SByte); output.Write(v); break;
            case byte v: output.Write((byte)Kind.Byte); output.Write(v); break;
            case short v: output.Write((byte)Kind.Int16); output.Write(v); break;
            case ushort v: output.Write((byte)Kind.UInt16); output.Write(v); break;
            case int v: output.Write((byte)Kind.Int32); output.Write(v); break;
            case uint v: output.Write((byte)Kind.UInt32); output.Write(v); break;
            case long v: output.Write((byte)Kind.Int64); output.Write(v); break;
            case ulong v: output.Write((byte)Kind.UInt64); output.Write(v); break;
            case float v: output.Write((byte)Kind.Single); output.Write(v); break;
            case double v: output.Write((byte)Kind.Double); output.Write(v); break;
            case decimal v: output.Write((byte)Kind.Decimal); output.Write(v); break;
            case BigInteger v: output.Write((byte)Kind.BigInteger); Bytes(output, v.ToByteArray()); break;
            case string v: output.Write((byte)Kind.Text); output.Write(v); break;
            case DateTime v: output.Write((byte)Kind.DateTime); output.Write(v.ToBinary()); break;
            case DateOnly v: output.Write((byte)Kind.DateOnly); output.Write(v.DayNumber); break;
            case TimeOnly v: output.Write((byte)Kind.TimeOnly); output.Write(v.Ticks); break;
            case TimeSpan v: output.Write((byte)Kind.TimeSpan); output.Write(v.Ticks); break;
            case DateTimeOffset v: output.Write((byte)Kind.DateTimeOffset); output.Write(v.Ticks); output.Write((short)v.Offset.TotalMinutes); break;
            case Guid v: output.Write((byte)Kind.Guid); output.Write(v.ToByteArray()); break;
            case byte[] v: output.Write((byte)Kind.Bytes); Bytes(output, v); break;
            default: output.Write((byte)Kind.Text); output.Write(JsonSerializer.Serialize(value, Composite)); break;
        }
    }

    public static object ReadValue(BinaryReader input) => (Kind)input.ReadByte() switch
    {
        Kind.Null => DBNull.Value,
        Kind.Boolean => input.ReadBoolean(),
        Kind.SByte => input.ReadSByte(),
        Kind.Byte => input.ReadByte(),
        Kind.Int16 => input.ReadInt16(),
        Kind.UInt16 => input.ReadUInt16(),
        Kind.Int32 => input.ReadInt32(),
        Kind.UInt32 => input.ReadUInt32(),
        Kind.Int64 => input.ReadInt64(),
        Kind.UInt64 => input.ReadUInt64(),
        Kind.Single => input.ReadSingle(),
        Kind.Double => input.ReadDouble(),
        Kind.Decimal => input.ReadDecimal(),
        Kind.BigInteger => new BigInteger(input.ReadBytes(input.ReadInt32())),
        Kind.Text => input.ReadString(),
        Kind.DateTime => DateTime.FromBinary(input.ReadInt64()),
        Kind.DateOnly => DateOnly.FromDayNumber(input.ReadInt32()),
        Kind.TimeOnly => new TimeOnly(input.ReadInt64()),
        Kind.TimeSpan => new TimeSpan(input.ReadInt64()),
        Kind.DateTimeOffset => new DateTimeOffset(input.ReadInt64(), TimeSpan.FromMinutes(input.ReadInt16())),
        Kind.Guid => new Guid(input.ReadBytes(16)),
        Kind.Bytes => input.ReadBytes(input.ReadInt32()),
        var other => throw new InvalidDataException($"the sandbox worker sent a value of unknown kind {other}"),
    };

    private static void Bytes(BinaryWriter output, byte[] bytes)
    {
        output.Write(bytes.Length);
        output.Write(bytes);
    }
}
