using CsKpi.Seed.Generation;
using CsKpi.Seed.Tests.Support;

namespace CsKpi.Seed.Tests;

/// <summary>The seed's chats read as conversations: the agent answers about the product the buyer asked about.</summary>
public sealed class ConversationTests
{
    [Fact]
    public void A_conversation_names_one_product_whoever_speaks()
    {
        using var temp = new TempDirectory("talk");
        SeedRun.Run(new SeedOptions { OutputDirectory = temp.Path, Agents = 6, Days = 3, ChatsOnly = true });
        var products = PhraseBank.AllProducts.ToArray();

        // message_id,store_id,buyer_id,agent_id,sender,sent_at,content: a conversation is a buyer, an agent and a day.
        var conversations = File.ReadLines(Path.Combine(temp.Path, "chats_2026-01.csv")).Skip(1)
            .Select(l => l.Split(',', 7))
            .Where(f => f[4] is "buyer" or "agent")
            .GroupBy(f => (f[2], f[3], f[5][..10]))
            .Select(g => g.SelectMany(f => products.Where(p => f[6].Contains(p, StringComparison.Ordinal))).Distinct().Count())
            .Where(named => named > 0)
            .ToList();

        Assert.True(conversations.Count > 100, $"{conversations.Count} conversations name a product");
        // A buyer may come back to the same agent the same day about something else: allow a few.
        var mixed = conversations.Count(named => named > 1);
        Assert.True(mixed <= conversations.Count / 50, $"{mixed} of {conversations.Count} conversations name more than one product");
    }
}
