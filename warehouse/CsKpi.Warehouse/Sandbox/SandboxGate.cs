namespace CsKpi.Warehouse;

/// <summary>
/// How many sandboxed queries may run at once in one process (each is a worker holding up to
/// <see cref="SandboxOptions.WorkerMemoryBytes"/>): a query waits a moment for a free place, then is turned away, so
/// the machine holds at most that many workers whatever analysts do.
/// </summary>
public sealed class SandboxGate(int places, TimeSpan wait) : IDisposable
{
    private readonly SemaphoreSlim free = new(Math.Max(1, places), Math.Max(1, places));

    public int Places { get; } = Math.Max(1, places);

    public TimeSpan Wait { get; } = wait;

    /// <summary>A place, released when disposed; or null when every place stayed taken for <see cref="Wait"/>.</summary>
    public IDisposable? TryEnter(CancellationToken cancellation = default) =>
        free.Wait(Wait, cancellation) ? new Place(free) : null;

    public void Dispose() => free.Dispose();

    private sealed class Place(SemaphoreSlim free) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                free.Release();
            }
        }
    }
}
