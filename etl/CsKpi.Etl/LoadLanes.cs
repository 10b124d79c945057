using System.Runtime.ExceptionServices;

namespace CsKpi.Etl;

/// <summary>
/// The order of an ingest's loads, and which run side by side. Reference data (the roster, courses, training) loads
/// first, one file at a time, so that the facts of the same run find their agents and courses. Then each kind of fact
/// (chats, orders, ratings, agent reports) loads in a lane of its own, the lanes side by side: a small file's load is
/// a hundred statements that DuckDB mostly runs on one thread, so on two cores a day's chats, orders and ratings take
/// about the time of the longest instead of the sum (docs/benchmarks.md, issue 17 round 14). Within a lane the files
/// load in name order, as before: a later file's duplicates, and a tie between two states of an order, are decided by
/// the order of loading, which only ever compares files of one kind. A file whose kind only its header tells loads
/// last, one at a time. A big file waits to load alone: DuckDB reads it on every core already, and two big loads at once
/// would hold both under one memory_limit.
/// </summary>
internal static class LoadLanes
{
    /// <summary>A plain file up to this size loads beside others: DuckDB reads it in one piece.</summary>
    internal const long SideBySideBytes = 32L << 20;

    /// <summary>The same for a gzip or an Excel file, which expands when read.</summary>
    internal const long SideBySideCompressedBytes = 4L << 20;

    private static readonly FileKind[] Reference = [FileKind.Agents, FileKind.Courses, FileKind.Training];

    private static readonly FileKind[] Facts = [FileKind.Chats, FileKind.Orders, FileKind.Ratings, FileKind.AgentReport];

    private static readonly FileKind[] Order = [.. Reference, .. Facts];

    /// <summary>Where a file of the kind comes in a sequential ingest: reference data, facts, then files of no named kind.</summary>
    public static int Rank(FileKind? kind) => kind is { } known ? Array.IndexOf(Order, known) : Order.Length;

    /// <param name="files">In the order of a sequential ingest: reference kinds, facts by kind, then by name.</param>
    /// <returns>One report per file, in the order of <paramref name="files"/>, whatever order they finished in.</returns>
    public static IReadOnlyList<FileLoadReport> Load(IReadOnlyList<(string Path, ContractFile File)> files,
        Func<string, ContractFile, FileLoadReport> load, CancellationToken cancellation)
    {
        var reports = new FileLoadReport[files.Count];
        var numbered = files.Select((f, i) => (f.Path, f.File, Index: i)).ToList();

        void LoadInTurn(IEnumerable<(string Path, ContractFile File, int Index)> lane, Gate? gate)
        {
            foreach (var (path, file, index) in lane)
            {
                cancellation.ThrowIfCancellationRequested();
                using var turn = gate?.Enter(alone: !SideBySide(path, file));
                reports[index] = load(path, file);
            }
        }

        LoadInTurn(numbered.Where(f => f.File.Kind is { } kind && Reference.Contains(kind)), null);
        var lanes = numbered.Where(f => f.File.Kind is { } kind && Facts.Contains(kind)).GroupBy(f => f.File.Kind).ToList();
        if (lanes.Count > 0)
        {
            var gate = new Gate(lanes.Count);
            var running = lanes.Select(lane => Task.Run(() => LoadInTurn(lane, gate), CancellationToken.None)).ToArray();
            try
            {
                Task.WaitAll(running, CancellationToken.None);
            }
            catch (AggregateException failed)
            {
                // As a sequential ingest would: the first lane's error, not a wrapper of them all.
                ExceptionDispatchInfo.Capture(failed.InnerExceptions[0]).Throw();
            }
        }

        LoadInTurn(numbered.Where(f => f.File.Kind is null), null);
        return reports;
    }

    private static bool SideBySide(string path, ContractFile file) =>
        new FileInfo(path).Length <= (file.Gzipped || file.Format == FileFormat.Xlsx ? SideBySideCompressedBytes : SideBySideBytes);

    /// <summary>
    /// A slot per lane: a small file takes one, a big file all of them. The big file's claims are made under one lock,
    /// so two big files never each hold part of the slots; a lane holds one gate at a time, so none waits on itself.
    /// </summary>
    private sealed class Gate(int lanes)
    {
        private readonly SemaphoreSlim slots = new(lanes, lanes);
        private readonly Lock claiming = new();

        public IDisposable Enter(bool alone)
        {
            var taken = alone ? lanes : 1;
            lock (claiming)
            {
                for (var i = 0; i < taken; i++)
                {
                    slots.Wait();
                }
            }

            return new Slots(slots, taken);
        }

        private sealed class Slots(SemaphoreSlim slots, int taken) : IDisposable
        {
            public void Dispose() => slots.Release(taken);
        }
    }
}
