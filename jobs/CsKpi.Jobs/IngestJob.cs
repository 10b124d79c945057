using CsKpi.Etl;
using CsKpi.Warehouse;
using Dapper;

namespace CsKpi.Jobs;

/// <summary>One inbox file after an ingest: the loader's report and the business days its load changed.</summary>
/// <param name="TouchedDays">(store, business day) pairs this file's load recorded in <c>etl.touched_days</c>.</param>
public sealed record IngestedFile(FileLoadReport Report, long? FileId, int TouchedDays);

/// <summary>The business days an ingest changed, over all its files and stores.</summary>
/// <param name="Days">Distinct business days, whatever the store.</param>
/// <param name="StoreDays">Distinct (store, business day) pairs: what the marts will recompute.</param>
public sealed record TouchedDaySummary(int Days, int Stores, int StoreDays, string? First, string? Last)
{
    public static readonly TouchedDaySummary None = new(0, 0, 0, null, null);
}

/// <param name="Recompute">The marts' recompute after the load; null when nothing new was loaded and nothing was owed.</param>
/// <param name="Owed">What earlier runs left owed when this one began (a killed recompute's loads, say); its recompute
/// is folded into <paramref name="Recompute"/>.</param>
public sealed record IngestResult(IReadOnlyList<IngestedFile> Files, TouchedDaySummary Touched, RecomputeReport? Recompute = null, OwedWork? Owed = null);

/// <summary>
/// The ingest job that <c>cskpi ingest</c> runs (and the scheduler will): loads every new inbox file with the
/// <see cref="InboxLoader"/>, reads back which business days the files of this run touched, and recomputes the
/// marts for those days (<see cref="MartRecompute.Incremental"/>). A recompute an earlier run owes (it was killed after
/// its files committed) is done too, even when no new file loads: the ledger, not this run, says what is owed.
/// </summary>
public static class IngestJob
{
    /// <param name="cancellation">Stops at a safe point: before the next file (a file being loaded finishes, all or
    /// nothing), or by interrupting the recompute, which rolls back and stays owed.</param>
    /// <param name="progress">Each stage as it starts (loading, recomputing), for a log or <c>cskpi ingest --progress</c>.</param>
    public static IngestResult Run(WarehouseDatabase warehouse, EtlOptions options, CancellationToken cancellation = default,
        Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        ArgumentNullException.ThrowIfNull(options);

        // Ledger ids come from a sequence, so every file this run records has an id above the highest one before it.
        long before;
        using (var connection = warehouse.OpenConnection())
        {
            before = connection.ExecuteScalar<long>("select coalesce(max(file_id), 0) from etl.file_ledger");
        }

        var owed = OwedWork.Read(warehouse);
        if (owed.Any)
        {
            progress?.Invoke($"owed by an earlier run: {owed.Describe()}");
        }

        progress?.Invoke($"loading the inbox {Path.GetFullPath(options.Inbox)}");
        // No interrupt while a file loads: the loader would take DuckDB's "interrupted" for a fault of the file and
        // reject it for good. The token stops it between files instead.
        var reports = new InboxLoader(warehouse, options).IngestInbox(cancellation);
        if (!reports.Any(r => r.Outcome == FileOutcome.Loaded))
        {
            RecomputeReport? owedRecompute = null;
            if (owed.RecomputeOwed)
            {
                progress?.Invoke("recomputing the marts (owed)");
                owedRecompute = MartRecompute.Incremental(warehouse, cancellation);
            }

            return new IngestResult(reports.Select(r => new IngestedFile(r, null, 0)).ToList(), TouchedDaySummary.None, owedRecompute, owed);
        }

        using (var connection = warehouse.OpenConnection())
        {
            // A relative path names one file of the inbox, so within one run it names one ledger row.
            var ids = connection.Query<(long FileId, string FileName)>(
                    "select file_id, file_name from etl.file_ledger where file_id > $before and outcome = 'loaded'", new { before })
                .ToDictionary(r => r.FileName, r => r.FileId, StringComparer.Ordinal);
            var perFile = connection.Query<(long FileId, long Days)>(
                    "select file_id, count(*) from etl.touched_days where file_id > $before group by file_id", new { before })
                .ToDictionary(r => r.FileId, r => (int)r.Days);
            var summary = connection.QuerySingle<TouchedDaySummary>("""
                select
                    cast(count(distinct business_day) as integer) as Days,
                    cast(count(distinct store_id) as integer) as Stores,
                    cast(count(*) as integer) as StoreDays,
                    strftime(min(business_day), '%Y-%m-%d') as First,
                    strftime(max(business_day), '%Y-%m-%d') as Last
                from (select distinct store_id, business_day from etl.touched_days where file_id > $before)
                """, new { before });

            var files = reports.Select(report =>
            {
                if (report.Outcome != FileOutcome.Loaded || !ids.TryGetValue(report.File, out var id))
                {
                    return new IngestedFile(report, null, 0);
                }

                return new IngestedFile(report, id, perFile.GetValueOrDefault(id));
            }).ToList();
            progress?.Invoke("recomputing the marts");
            return new IngestResult(files, summary, MartRecompute.Incremental(warehouse, cancellation), owed);
        }
    }
}
