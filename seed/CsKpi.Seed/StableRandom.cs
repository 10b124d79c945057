namespace CsKpi.Seed;

/// <summary>
/// Seeds derived from the run's seed and a position (store, day, stream), so that each partition draws the
/// same numbers whatever order the partitions run in. HashCode.Combine is randomised per process, hence this.
/// </summary>
internal static class StableRandom
{
    public static Random For(int seed, params ReadOnlySpan<long> parts)
    {
        var h = SplitMix((ulong)seed);
        foreach (var part in parts)
        {
            h = SplitMix(h ^ (ulong)part);
        }

        return new Random((int)(h & 0x7FFF_FFFF));
    }

    private static ulong SplitMix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    /// <summary>A log-normal draw with the given median and spread (sigma of the underlying normal).</summary>
    public static double LogNormal(this Random random, double median, double sigma) => median * Math.Exp(sigma * random.Gaussian());

    public static double Gaussian(this Random random)
    {
        // Box–Muller; one of the pair is enough here.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>Picks an index with probability proportional to its weight, given cumulative weights.</summary>
    public static int PickWeighted(this Random random, double[] cumulative)
    {
        var x = random.NextDouble() * cumulative[^1];
        var i = Array.BinarySearch(cumulative, x);
        return i >= 0 ? Math.Min(i + 1, cumulative.Length - 1) : ~i;
    }
}
