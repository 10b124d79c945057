using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CsKpi.Jobs;
using CsKpi.Warehouse;

namespace CsKpi.Cli;

public static partial class CommandLine
{
    /// <summary>How many rejects <c>cskpi rejects</c> lists unless <c>--limit</c> says otherwise.</summary>
    public const int DefaultRejectLimit = 200;

    // Values are clipped in the table so a long chat message keeps its row on one line; --json has them whole.
    private const int ValueCells = 40;

    private const string RejectsDetails = """
        Lists every row the ETL rejected (from etl.rejects) with file, line, column, the value as it was in the file
        and the reason, and every file it rejected whole (from etl.file_ledger) with the reason; newest file first,
        then by line. Lines count as in the file: a CSV header is line 1, JSON Lines and Parquet rows count from 1.
        --json prints an object: warehouse, file, total, shown and the rejects array (values unabridged).
        A --file that names no ingested file fails (exit 1), so a typo does not read as "no rejects".
        """;

    private static Verb RejectsVerb(TextWriter stdout, TextWriter stderr)
    {
        var file = Text("--file", "NAME", "only this file: its path in the inbox as ingest printed it (chats/2026-01.csv), or its name");
        var limit = Valued("--limit", "N", "list at most N (0 lists all); a note says when more exist",
            (string text, out int value, out string problem) =>
            {
                problem = $"'{text}' is not a whole number of 0 or more (0 lists all)";
                return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
            });
        limit.DefaultValueFactory = _ => DefaultRejectLimit;
        var verb = new Verb("rejects",
            "list rejected rows (file, line, column, value, reason) and rejected files, newest file first", RejectsDetails) { file, limit };
        var (warehouse, json) = CommonOptions(verb);
        verb.SetAction(parse => Rejects(parse.GetValue(file), parse.GetValue(limit), parse.GetValue(warehouse), parse.GetValue(json), stdout, stderr));
        return verb;
    }

    private static int Rejects(string? file, int limit, string? warehouseOption, bool json, TextWriter stdout, TextWriter stderr)
    {
        var warehouseOptions = WarehouseOptions.FromEnvironment(warehouseOption);
        if (IsMissing(warehouseOptions, "rejects", stderr))
        {
            return Failed;
        }

        RejectPage page;
        string warehousePath;
        try
        {
            using var warehouse = WarehouseDatabase.Open(warehouseOptions);
            warehousePath = warehouse.CanonicalPath;
            page = RejectList.Read(warehouse, file, limit == 0 ? null : limit);
        }
        catch (Exception error) when (IsWarehouseFailure(error))
        {
            stderr.WriteLine(error.Message);
            return Failed;
        }

        if (file is not null && page.MatchedFiles == 0)
        {
            stderr.WriteLine($"cskpi rejects: no file named '{file}' has been ingested into {warehousePath}; "
                + "cskpi rejects without --file lists the rejects of every file.");
            return Failed;
        }

        if (json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(new
            {
                warehouse = warehousePath,
                file,
                total = page.Total,
                shown = page.Items.Count,
                rejects = page.Items.Select(r => new
                {
                    fileId = r.FileId,
                    file = r.File,
                    wholeFile = r.WholeFile,
                    line = r.Line,
                    column = r.Column,
                    value = r.Value,
                    reason = r.Reason,
                }),
            }, JsonOutput));
            return Success;
        }

        if (page.Total == 0)
        {
            stdout.WriteLine(file is null
                ? $"No rejected rows or files in {warehousePath}."
                : $"No rejected rows in {file}: every row of it was loaded or a duplicate.");
            return Success;
        }

        var table = new TextTable(("file", false), ("line", true), ("column", false), ("value", false), ("reason", false));
        foreach (var reject in page.Items)
        {
            table.Add(
                reject.File,
                reject.Line is { } line ? line.ToString(CultureInfo.InvariantCulture) : "whole file",
                reject.Column ?? "-",
                reject.Value switch { null => "-", "" => "(empty)", var value => TextTable.Clip(value, ValueCells) },
                reject.Reason);
        }

        table.Write(stdout);
        stdout.WriteLine();
        var files = page.Items.Select(r => r.File).Distinct(StringComparer.Ordinal).Count();
        stdout.WriteLine(page.Items.Count < page.Total
            ? $"showing {page.Items.Count} of {page.Total} rejects (newest files first); --limit N shows more (0 for all)"
                + (file is null ? ", --file NAME shows one file" : "")
            : $"{Plural(page.Total, "reject")} in {Plural(files, "file")}");
        return Success;
    }
}
