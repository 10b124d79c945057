using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;

namespace CsKpi.Web.Site;

/// <summary>
/// A cache entry loaded once however many requests ask for it at the same moment: the first asker loads it, the others
/// wait for that load and read what it put in the cache, instead of each running the same query (or drawing the same
/// chart) on the same two cores. Eight clients opening the same cold page then cost one query, not eight. A load
/// that throws is not kept: the next asker tries again.
/// </summary>
public static class OneLoad
{
    private static readonly ConcurrentDictionary<string, object> Loading = new(StringComparer.Ordinal);

    /// <summary>The value under <paramref name="key"/>, else <paramref name="load"/>ed once and kept for 30 minutes unused, costing <paramref name="size"/> of the bound.</summary>
    public static T Get<T>(IMemoryCache memory, string key, Func<T> load, Func<T, long> size) where T : notnull
    {
        if (memory.TryGetValue(key, out T? kept) && kept is not null)
        {
            return kept;
        }

        var gate = Loading.GetOrAdd(key, _ => new object());
        try
        {
            lock (gate)
            {
                if (memory.TryGetValue(key, out kept) && kept is not null)
                {
                    return kept;
                }

                var value = load();
                memory.Set(key, value, new MemoryCacheEntryOptions { Size = Math.Max(1, size(value)), SlidingExpiration = TimeSpan.FromMinutes(30) });
                return value;
            }
        }
        finally
        {
            Loading.TryRemove(new KeyValuePair<string, object>(key, gate));
        }
    }
}
