using Xunit.Abstractions;
using Xunit.Sdk;

namespace CsKpi.Tests.Shared;

/// <summary>
/// Starts a test project's longest collections first, so that none of them starts late and runs alone at the end while
/// the other core idles. xUnit runs two collections at a time here (one per core), in the order a collection orderer
/// gives, and its default order (by a hash of the collection's id) is arbitrary: a 4-minute crash test that happened to
/// start last left one core idle for 4 minutes. Only the order changes: every test runs, with the same fixtures and
/// the same parallelism; collections that are not listed follow the listed ones in the order of their ids (as arbitrary
/// as xUnit's own, but the same from run to run).
/// A project subclasses this with its list (measured per-class times, longest first) and names the subclass in
/// <c>[assembly: TestCollectionOrderer(...)]</c>. Linked into each test project that uses it (tests/Shared).
/// </summary>
public abstract class LongestFirst : ITestCollectionOrderer
{
    /// <summary>
    /// The longest collections, longest first: a test class's name (the default collection of a class is named after
    /// it) or a named collection's name.
    /// </summary>
    protected abstract IReadOnlyList<string> Longest { get; }

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections)
    {
        var rank = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Longest.Count; i++)
        {
            rank[Longest[i]] = i;
        }

        return testCollections
            .OrderBy(c => rank.TryGetValue(ShortName(c), out var r) ? r : int.MaxValue)
            .ThenBy(c => c.UniqueID)
            .ToList();
    }

    /// <summary>"Test collection for CsKpi.Jobs.Tests.CrashTortureTests" → "CrashTortureTests"; a named collection's name as it is.</summary>
    private static string ShortName(ITestCollection collection)
    {
        const string prefix = "Test collection for ";
        var name = collection.DisplayName;
        if (!name.StartsWith(prefix, StringComparison.Ordinal))
        {
            return name;
        }

        var type = name[prefix.Length..];
        return type[(type.LastIndexOfAny(['.', '+']) + 1)..];
    }
}
