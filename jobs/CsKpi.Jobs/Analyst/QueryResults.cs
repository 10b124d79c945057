using System.Buffers;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsKpi.Warehouse.Downloads;

namespace CsKpi.Jobs.Analyst;

/// <summary>
/// Writes a query's rows as they are read, so a million-row result never sits in memory: CSV (RFC 4180, for
/// Excel and programs) and JSON (an array of objects). Shared by <c>cskpi sql</c> and the site's SQL page.
/// Values are written the same way in both, culture-free: ISO dates, '.' decimals.
/// </summary>
public static class QueryResults
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The rows as CSV through the downloads' one writer (<see cref="CsvDownload"/>): numbers stay numbers, text that
    /// Excel would run as a formula gets a leading apostrophe. Programs that want every value verbatim take JSON.
    /// </summary>
    /// <returns>The number of data rows written.</returns>
    public static long WriteCsv(DbDataReader reader, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(output);
        var csv = new CsvDownload(output);
        csv.Row(Enumerable.Range(0, reader.FieldCount).Select(reader.GetName));
        var numeric = Enumerable.Range(0, reader.FieldCount).Select(i => IsNumeric(reader.GetFieldType(i))).ToArray();
        var cells = new object?[reader.FieldCount];
        long rows = 0;
        while (reader.Read())
        {
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = reader.IsDBNull(i) ? null : numeric[i] ? reader.GetValue(i) : Text(reader, i);
            }

            csv.Row(cells);
            rows++;
        }

        return rows;
    }

    /// <summary>
    /// The rows as a JSON array of objects, one object a line so a long result reads and greps line by line. Each
    /// object is written by <see cref="Utf8JsonWriter"/> and handed to <paramref name="output"/> as soon as it is
    /// complete, so nothing but the current row is held.
    /// </summary>
    /// <returns>The number of rows written.</returns>
    public static long WriteJson(DbDataReader reader, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(output);
        var keys = Enumerable.Range(0, reader.FieldCount).Select(i => JsonEncodedText.Encode(reader.GetName(i), Json.Encoder)).ToArray();
        var buffer = new ArrayBufferWriter<byte>();
        using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Json.Encoder });
        output.Write('[');
        long rows = 0;
        while (reader.Read())
        {
            buffer.ResetWrittenCount();
            json.Reset(buffer);
            json.WriteStartObject();
            for (var i = 0; i < keys.Length; i++)
            {
                json.WritePropertyName(keys[i]);
                WriteJsonValue(json, reader, i);
            }

            json.WriteEndObject();
            json.Flush();
            output.Write(rows == 0 ? "\n" : ",\n");
            output.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
            rows++;
        }

        output.WriteLine(rows == 0 ? "]" : "\n]");
        return rows;
    }

    /// <summary>A cell as text, or null for SQL NULL.</summary>
    public static string? Text(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        return reader.GetValue(ordinal) switch
        {
            string text => text,
            DateTime day when IsDate(reader, ordinal) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime moment => moment.ToString(moment.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
            DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            TimeOnly time => time.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            bool flag => flag ? "true" : "false",
            IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
            var other => JsonSerializer.Serialize(other, Json),
        };
    }

    /// <summary>Numbers bare (as the invariant culture writes them), non-finite floats and everything else as text.</summary>
    private static void WriteJsonValue(Utf8JsonWriter json, DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            json.WriteNullValue();
            return;
        }

        switch (reader.GetValue(ordinal))
        {
            case bool flag:
                json.WriteBooleanValue(flag);
                break;
            case double d when !double.IsFinite(d):
                json.WriteStringValue(d.ToString(CultureInfo.InvariantCulture));
                break;
            case float f when !float.IsFinite(f):
                json.WriteStringValue(f.ToString(CultureInfo.InvariantCulture));
                break;
            case IFormattable number when IsNumeric(number.GetType()):
                // Every numeric type alike, HUGEINT's BigInteger included, with the digits the table and CSV show.
                json.WriteRawValue(number.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                json.WriteStringValue(Text(reader, ordinal));
                break;
        }
    }

    /// <summary>A column type whose values are numbers: written bare in JSON, right-aligned in tables.</summary>
    public static bool IsNumeric(Type type) =>
        Type.GetTypeCode(type) is >= TypeCode.SByte and <= TypeCode.Decimal || type == typeof(System.Numerics.BigInteger);

    private static bool IsDate(DbDataReader reader, int ordinal) =>
        reader.GetDataTypeName(ordinal).Equals("Date", StringComparison.OrdinalIgnoreCase);
}
