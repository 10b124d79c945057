using CsKpi.Seed.People;

namespace CsKpi.Seed.Generation;

/// <summary>A store as the generator needs it: its staff (with their training applied), phrases, prices and habits.</summary>
internal sealed class StoreModel
{
    public StoreModel(SeedOptions options, int index, IReadOnlyList<Agent> agents)
    {
        var (id, prefix, category) = StoreNames.Get(index);
        Index = index;
        StoreId = id;
        Prefix = prefix;
        Agents = agents;
        Phrases = new PhraseBank(category, id);
        var random = StableRandom.For(options.Seed, index, 3);
        // Most orders in a real store never touch customer service: 50–65% silent, per store.
        SilentShare = 0.5 + random.NextDouble() * 0.15;
        ProductPricesFen = Phrases.Products.Select(_ => (long)Math.Round(random.LogNormal(120, 0.5), 0) * 100 - 10).ToArray();
    }

    public int Index { get; }
    public string StoreId { get; }
    public string Prefix { get; }
    public IReadOnlyList<Agent> Agents { get; }
    public PhraseBank Phrases { get; }
    public double SilentShare { get; }
    public long[] ProductPricesFen { get; }

    /// <summary>File-name suffix that keeps stores apart when there are several.</summary>
    public string FileSuffix(int stores) => stores == 1 ? "" : $"_s{Index + 1:D2}";
}
