using CsKpi.Warehouse;
using Dapper;

namespace CsKpi.Jobs;

/// <summary>
/// One thing the ETL refused: a row of a file (<see cref="Line"/> set, from <c>etl.rejects</c>) or a whole file
/// (<see cref="Line"/> null, from <c>etl.file_ledger</c> with outcome <c>rejected</c>).
/// </summary>
public sealed record RejectedItem(long FileId, string File, long? Line, string? Column, string? Value, string Reason)
{
    public bool WholeFile => Line is null;
}

/// <summary>A page of rejects, newest file first.</summary>
/// <param name="Total">How many rejects match, of which <see cref="Items"/> are the first.</param>
/// <param name="MatchedFiles">Ledger entries the file filter matched (all entries without a filter).</param>
public sealed record RejectPage(long Total, IReadOnlyList<RejectedItem> Items, long MatchedFiles);

/// <summary>What <c>cskpi rejects</c> and the ETL page list: rejected rows and rejected files with their reasons.</summary>
public static class RejectList
{
    /// <param name="file">
    /// A file as the ledger names it (its path relative to the inbox, e.g. <c>chats/2026-01.csv</c>) or just its
    /// file name; null for every file.
    /// </param>
    /// <param name="limit">At most this many items; null for all.</param>
    public static RejectPage Read(WarehouseDatabase warehouse, string? file, int? limit)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        if (limit is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "a limit cannot be negative");
        }

        const string matches = "($file is null or file_name = $file or ends_with(file_name, '/' || $file))";
        var parameters = new { file, limit = (long?)limit };
        using var connection = warehouse.OpenConnection();
        var union = $"""
            select file_id, file_name, line, column_name, value, reason from etl.rejects where {matches}
            union all
            select file_id, file_name, null, null, null, reason from etl.file_ledger where outcome = 'rejected' and {matches}
            """;
        var total = connection.ExecuteScalar<long>($"select count(*) from ({union})", parameters);
        var items = connection.Query<RejectedItem>($"""
            select file_id as FileId, file_name as File, line as Line, column_name as Column, value as Value,
                   coalesce(reason, 'no reason was recorded') as Reason
            from ({union})
            order by file_id desc, line nulls first, column_name
            limit $limit
            """, parameters).ToList();
        var files = connection.ExecuteScalar<long>($"select count(*) from etl.file_ledger where {matches}", parameters);
        return new RejectPage(total, items, files);
    }
}
