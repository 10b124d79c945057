using CsKpi.Seed.Contract;
using CsKpi.Seed.Layouts;
using CsKpi.Seed.Output;
using CsKpi.Seed.People;
using CsKpi.Seed.Reports;
using CsKpi.Seed.Traffic;
using static CsKpi.Seed.Generation.PhraseBank;

namespace CsKpi.Seed.Generation;

/// <summary>
/// Chats, orders and ratings of one store for one month, streamed to that month's files. Every day draws from
/// its own seeded Random, so the output does not depend on which partitions run side by side.
/// </summary>
internal sealed class PartitionGenerator : IDisposable
{
    private const int BaseReceptionsPerAgentDay = 48;
    private const int ChatBatchRows = 131_072;

    private readonly StoreModel _store;
    private readonly SeedOptions _options;
    private readonly DateOnly _from;
    private readonly DateOnly _to;
    private readonly DateTime _exportedAt;
    private readonly DateTime _periodEnd;
    private readonly BatchedFile? _chats;
    private readonly BatchedFile? _orders;
    private readonly BatchedFile? _ratings;
    private readonly string _directory;
    private readonly List<Order> _monthOrders = [];
    private readonly SortedDictionary<int, List<string>> _aftersaleDue = [];
    private readonly List<(string Buyer, int Day)> _recentOrderBuyers = [];
    private readonly TranscriptWriter? _transcript;
    private Agent? _transferredFrom;
    private long _nextMessageId;
    private int _orderCounter;

    /// <param name="withChats">false for a store that has only reports: its chats and ratings are simulated (the reports
    /// count them) but not written.</param>
    public PartitionGenerator(StoreModel store, SeedOptions options, DateOnly from, DateOnly to, string directory, bool withChats = true)
    {
        _store = store;
        _options = options;
        _from = from;
        _to = to;
        _exportedAt = to.ToDateTime(TimeOnly.MinValue);
        _periodEnd = options.End.ToDateTime(TimeOnly.MinValue);
        // The partition's first day is in the base too: a second run for the same store and month from a later day (an
        // incremental batch) must not hand out the first run's ids for other messages.
        _nextMessageId = (((store.Index + 1) * 100_000L + from.Year * 12 + from.Month) * 100L + from.Day) * 1_000_000_000L;
        var name = $"{from:yyyy-MM}{store.FileSuffix(options.Stores)}";
        // A store's chats are a contract file, or (--transcripts) text copied from 千牛's chat window, in the store's folder.
        _chats = withChats && !options.Transcripts ? new BatchedFile(directory, $"chats_{name}", ContractTables.Chats, options, ChatBatchRows) : null;
        if (withChats && options.Transcripts)
        {
            TranscriptName = $"{store.StoreId}/聊天记录_{from:yyyy-MM}.txt";
            _transcript = new TranscriptWriter(Path.Combine(directory, store.StoreId, $"聊天记录_{from:yyyy-MM}.txt"));
        }

        _directory = directory;
        if (!options.ChatsOnly)
        {
            if (options.Reports || !withChats)
            {
                Tally = new ReportTally();
            }

            if (options.Layout == Layout.Contract)
            {
                _orders = new BatchedFile(directory, $"orders_{name}", ContractTables.Orders, options, 16_384);
            }

            _ratings = withChats ? new BatchedFile(directory, $"ratings_{name}", ContractTables.Ratings, options, 16_384) : null;
        }
    }

    public BatchedFile? Chats => _chats;

    /// <summary>The transcript written instead of the chats file (<see cref="SeedOptions.Transcripts"/>), as the manifest names it.</summary>
    public string? TranscriptName { get; }

    public long TranscriptMessages => _transcript?.Messages ?? 0;

    /// <summary>What the CS tools' reports count, when reports are written (<see cref="SeedOptions.Reports"/>).</summary>
    public ReportTally? Tally { get; }
    public BatchedFile? Orders => _orders;
    public BatchedFile? Ratings => _ratings;

    /// <summary>The minute after the month's export time that the platform export's file name carries (unique per store and month).</summary>
    public int ExportMinute { get; init; }

    /// <summary>The month's orders in the platform's export layout (none in the contract layout).</summary>
    public SeedFile? PlatformOrders { get; private set; }

    /// <summary>Orders of this month whose payment or refund changed after the month's export, in their final state.</summary>
    public List<OrderState> LateUpdates { get; } = [];

    public void Run()
    {
        for (var day = _from; day < _to; day = day.AddDays(1))
        {
            GenerateDay(day);
        }

        WriteOrders();
    }

    private void GenerateDay(DateOnly day)
    {
        var random = StableRandom.For(_options.Seed, _store.Index, 10, day.DayNumber);
        var campaign = TrafficShape.IsCampaign(day);
        var hours = campaign ? TrafficShape.CampaignCumulative : TrafficShape.NormalCumulative;
        var presale = _store.Agents.Where(a => a.TakesPresale && a.WorksOn(day, campaign)).ToArray();
        var aftersale = _store.Agents.Where(a => a.TakesAftersale && a.WorksOn(day, campaign)).ToArray();
        if (presale.Length == 0)
        {
            return;
        }

        var capacity = Cumulative(presale.Select(a => a.Capacity));
        var dayIndex = day.DayNumber - _options.Start.DayNumber;
        var growth = 1 + 0.1 * dayIndex / 365.0;
        var volume = capacity[^1] * BaseReceptionsPerAgentDay * TrafficShape.DayFactor(day) * growth * random.LogNormal(1, 0.08);
        var ordersBefore = _monthOrders.Count;

        for (var n = (int)volume; n > 0; n--)
        {
            var start = StartTime(day, hours, random);
            var agent = presale[random.PickWeighted(capacity)];
            var returning = _recentOrderBuyers.Count > 0 && random.Chance(0.06);
            var buyer = returning ? _recentOrderBuyers[random.Next(_recentOrderBuyers.Count)].Buyer : NewBuyer(random);
            var roll = random.NextDouble();
            Tally?.Current = roll < 0.025 ? Conversation.Ad : roll < 0.035 ? Conversation.NoText : Conversation.Presale;
            if (roll < 0.025)
            {
                Spam(start, presale, agent, random);
            }
            else if (roll < 0.035)
            {
                NoText(start, agent, buyer, random);
            }
            else
            {
                Presale(day, start, agent, buyer, presale, aftersale, campaign, random);
            }
        }

        if (_aftersaleDue.Remove(day.DayNumber, out var due) && aftersale.Length > 0)
        {
            foreach (var buyer in due)
            {
                // Most after-sales contacts reach the after-sales team; some write to a presale account.
                var agent = random.Chance(0.85) ? random.Pick(aftersale) : random.Pick(presale);
                Tally?.Current = Conversation.Aftersale;
                Aftersale(day, StartTime(day, hours, random), agent, buyer, random);
            }
        }

        SilentOrders(day, hours, _monthOrders.Count - ordersBefore, random);
        _recentOrderBuyers.RemoveAll(b => b.Day < day.DayNumber - 7);
    }

    private void Presale(DateOnly day, DateTime start, Agent agent, string buyer, Agent[] presale, Agent[] aftersale, bool campaign, Random random)
    {
        var phrases = _store.Phrases;
        var skill = agent.SkillOn(day);
        var load = 1 + 0.6 * TrafficShape.PeakLoad(start.Hour, campaign) + (campaign ? 0.5 : 0);
        var unansweredChance = skill.Unanswered * (campaign ? 2 : 1) * (start.Hour < 8 ? 2 : 1);
        var t = start;
        var current = agent;
        var topic = random.Pick(PresaleTopics);
        var product = random.Next(phrases.Products.Length);
        var questions = 1 + Geometric(random, 0.45, 5);
        var unanswered = false;
        double? firstResponse = null;

        Emit(buyer, current, "buyer", t, random.Chance(0.6) ? random.Pick(phrases.Greeting) : random.Pick(phrases.Buyer(topic, product)));
        if (current.AutoReply)
        {
            Emit(buyer, current, "auto", t.AddSeconds(random.Next(1, 3)), random.Pick(phrases.Auto));
        }

        for (var q = 0; q < questions; q++)
        {
            t = t.AddSeconds(q == 0 ? random.Next(2, 15) : ThinkSeconds(random));
            Emit(buyer, current, "buyer", t, random.Pick(phrases.Buyer(topic, product)));
            for (var extra = random.Chance(0.35) ? random.Next(1, 3) : 0; extra > 0; extra--)
            {
                t = t.AddSeconds(random.Next(2, 20));
                Emit(buyer, current, "buyer", t, random.Pick(phrases.Buyer(topic, product)));
            }

            if (random.Chance(unansweredChance))
            {
                unanswered = true;
                if (random.Chance(0.5))
                {
                    Emit(buyer, current, "buyer", t.AddSeconds(random.Next(60, 600)), random.Pick(ChaseForReply));
                }

                break;
            }

            var response = Math.Clamp(random.LogNormal(skill.ResponseMedian * load, 0.6), 1, 1800);
            firstResponse ??= response;
            t = t.AddSeconds(response);
            Emit(buyer, current, "agent", t, random.Pick(phrases.Agent(topic, product)));
            if (random.Chance(0.3))
            {
                t = t.AddSeconds(random.Next(5, 25));
                Emit(buyer, current, "agent", t, random.Pick(phrases.Agent(topic, product)));
            }

            if (q == 0 && random.Chance(0.03))
            {
                // Passed to a colleague: the buyer carries on with another account.
                Emit(buyer, current, "agent", t.AddSeconds(random.Next(5, 20)), random.Pick(Transfer));
                var pool = aftersale.Length > 0 && random.Chance(0.4) ? aftersale : presale;
                var from = current;
                current = random.Pick(pool);
                Tally?.Transfer(from, current, buyer, t);
                _transferredFrom = from;
                t = t.AddSeconds(random.Next(30, 120));
                Emit(buyer, current, "buyer", t, random.Pick(phrases.Buyer(topic, product)));
                t = t.AddSeconds(Math.Clamp(random.LogNormal(current.SkillOn(day).ResponseMedian * load, 0.6), 1, 1800));
                Emit(buyer, current, "agent", t, random.Pick(TransferGreeting));
            }

            if (random.Chance(0.4))
            {
                topic = random.Pick(PresaleTopics);
            }
        }

        if (!unanswered)
        {
            t = t.AddSeconds(random.Next(5, 90));
            Emit(buyer, current, "buyer", t, random.Pick(phrases.BuyerFollowUp));
            if (random.Chance(0.5))
            {
                t = t.AddSeconds(random.Next(5, 40));
                Emit(buyer, current, "agent", t, random.Pick(phrases.AgentClosing));
            }
        }

        if (random.Chance(0.05))
        {
            Emit(buyer, current, "system", t.AddSeconds(1), random.Pick(phrases.SystemCards(product)));
        }

        var conversion = current.SkillOn(day).Conversion * (unanswered ? 0.25 : 1) * (firstResponse > 60 ? 0.75 : 1) * (campaign ? 1.2 : 1);
        if (random.Chance(conversion))
        {
            var created = t.AddSeconds(Math.Clamp(random.LogNormal(240, 1.1), 10, 30 * 3600));
            var order = NewOrder(buyer, created, current.SkillOn(day).Upsell, random);
            if (order is not null)
            {
                Tally?.Order(current, day, order);
            }

            if (order is not null && (order.PaidAt is null || order.PaidAt > created.AddMinutes(20)) && random.Chance(0.6))
            {
                // 催付: a payment reminder after the order, by whoever served the buyer.
                Emit(buyer, current, "agent", created.AddMinutes(random.Next(15, 40)), random.Pick(phrases.PaymentReminder(product)));
            }
        }

        Rate(buyer, current, t, unanswered, firstResponse, random);
    }

    private void Aftersale(DateOnly day, DateTime start, Agent agent, string buyer, Random random)
    {
        var phrases = _store.Phrases;
        var skill = agent.SkillOn(day);
        var t = start;
        var topic = random.Pick(AftersaleTopics);
        var product = random.Next(phrases.Products.Length);
        var unanswered = false;
        double? firstResponse = null;
        for (var q = 1 + Geometric(random, 0.5, 3); q > 0; q--)
        {
            Emit(buyer, agent, "buyer", t, random.Pick(phrases.Buyer(topic, product)));
            if (random.Chance(skill.Unanswered * 1.5))
            {
                unanswered = true;
                break;
            }

            var response = Math.Clamp(random.LogNormal(skill.ResponseMedian * 1.3, 0.6), 1, 3600);
            firstResponse ??= response;
            t = t.AddSeconds(response);
            Emit(buyer, agent, "agent", t, random.Pick(phrases.Agent(topic, product)));
            t = t.AddSeconds(ThinkSeconds(random));
        }

        Rate(buyer, agent, t, unanswered, firstResponse, random);
    }

    private void Spam(DateTime start, Agent[] presale, Agent agent, Random random)
    {
        // Ad accounts write the same line to several agents of the store at once.
        var buyer = NewBuyer(random);
        var line = random.Pick(PhraseBank.Spam);
        var targets = random.Chance(0.5) ? random.Next(2, 4) : 1;
        for (var i = 0; i < targets; i++)
        {
            var target = i == 0 ? agent : random.Pick(presale);
            var t = start.AddSeconds(i * random.Next(1, 5));
            Emit(buyer, target, "buyer", t, line);
            if (random.Chance(0.4))
            {
                Emit(buyer, target, "agent", t.AddSeconds(random.Next(5, 120)), random.Pick(SpamReplies));
            }
        }
    }

    private void NoText(DateTime start, Agent agent, string buyer, Random random)
    {
        // Only pictures or stickers: the export carries an empty content.
        Emit(buyer, agent, "buyer", start, null);
        if (random.Chance(0.5))
        {
            Emit(buyer, agent, "buyer", start.AddSeconds(random.Next(2, 10)), null);
        }

        if (random.Chance(0.7))
        {
            Emit(buyer, agent, "agent", start.AddSeconds(random.Next(10, 90)), NoTextReply);
        }
    }

    private void Rate(string buyer, Agent agent, DateTime end, bool unanswered, double? firstResponse, Random random)
    {
        if (_options.ChatsOnly || !random.Chance(0.12))
        {
            return;
        }

        // Satisfied mostly; much less so after slow or no answers.
        var x = random.NextDouble();
        var score = unanswered ? (x < 0.4 ? 1 : x < 0.7 ? 2 : x < 0.9 ? 3 : 4)
            : firstResponse > 60 ? (x < 0.05 ? 2 : x < 0.25 ? 3 : x < 0.6 ? 4 : 5)
            : (x < 0.01 ? 1 : x < 0.02 ? 2 : x < 0.06 ? 3 : x < 0.22 ? 4 : 5);
        var ratedAt = end.AddMinutes(random.Next(1, 90));
        if (ratedAt >= _periodEnd)
        {
            return;
        }

        // Drawn whether or not it is written: a store with only reports simulates exactly what it would write.
        var comment = random.Chance(0.4) ? null : random.Pick(score >= 4 ? GoodComments : score == 3 ? SoSoComments : BadComments);
        Tally?.Rating(agent, ratedAt, score);
        if (_ratings is null)
        {
            return;
        }

        var batch = _ratings.Batch;
        var row = batch.AddRow();
        batch.SetText(row, 0, _store.StoreId);
        batch.SetText(row, 1, buyer);
        batch.SetText(row, 2, agent.AgentId);
        batch.SetTimestamp(row, 3, ratedAt);
        batch.SetNumber(row, 4, score);
        batch.SetText(row, 5, comment);
        _ratings.FlushIfFull();
    }

    private static readonly string[] GoodComments = ["回复很快，很耐心", "客服态度很好", "解答很专业，推荐", "小姐姐很热情"];
    private static readonly string[] SoSoComments = ["还行吧", "回复有点慢", "一般般"];
    private static readonly string[] BadComments = ["半天不回复", "态度差", "问题没解决", "答非所问"];

    private Order? NewOrder(string buyer, DateTime created, double upsell, Random random)
    {
        if (created >= _periodEnd)
        {
            return null;
        }

        var items = 1 + Geometric(random, Math.Clamp(0.62 / upsell, 0.3, 0.9), 6);
        long amount = 0;
        for (var i = 0; i < items; i++)
        {
            amount += random.Pick(_store.ProductPricesFen);
        }

        amount = amount * random.Next(85, 101) / 100;
        var x = random.NextDouble();
        DateTime? paid = x < 0.80 ? created.AddSeconds(Math.Clamp(random.LogNormal(90, 1.0), 5, 3600))
            : x < 0.88 ? created.AddHours(random.Next(8, 28))
            : x < 0.92 ? created.AddHours(random.Next(30, 70))
            : null;
        DateTime? refunded = null;
        long refund = 0;
        if (paid is not null && random.Chance(0.07))
        {
            refunded = paid.Value.AddHours(random.Next(20, 15 * 24));
            refund = random.Chance(0.65) ? amount : amount * random.Next(10, 60) / 100;
        }

        var id = $"3{_store.Index:D2}{created:yyMMdd}{++_orderCounter:D7}";
        var order = new Order(id, buyer, created, paid, amount, items, refund, refunded);
        _monthOrders.Add(order);
        if (paid is not null)
        {
            _recentOrderBuyers.Add((buyer, DateOnly.FromDateTime(created).DayNumber));
            if (random.Chance(0.12))
            {
                var contactDay = DateOnly.FromDateTime(paid.Value).AddDays(random.Next(1, 10));
                if (contactDay < _to)
                {
                    (_aftersaleDue.TryGetValue(contactDay.DayNumber, out var list) ? list : _aftersaleDue[contactDay.DayNumber] = []).Add(buyer);
                }
            }
        }

        return order;
    }

    private void SilentOrders(DateOnly day, double[] hours, int chatOrders, Random random)
    {
        var share = _store.SilentShare;
        var count = (int)Math.Round(chatOrders * share / (1 - share) * random.LogNormal(1, 0.05));
        for (var i = 0; i < count; i++)
        {
            NewOrder(NewBuyer(random), StartTime(day, hours, random), 1.0, random);
        }
    }

    private void WriteOrders()
    {
        if (_options.ChatsOnly)
        {
            return;
        }

        var exported = new List<OrderState>();
        foreach (var order in _monthOrders)
        {
            var atExport = order.StateAt(_exportedAt);
            var atEnd = order.StateAt(_periodEnd);
            if (order.CreatedAt < _exportedAt)
            {
                if (_orders is not null)
                {
                    WriteOrder(_orders, _store.StoreId, atExport);
                }
                else
                {
                    exported.Add(atExport);
                }

                if (atExport.DiffersInMoney(atEnd))
                {
                    LateUpdates.Add(atEnd);
                }
            }
            else
            {
                LateUpdates.Add(atEnd); // created after the month's export: only a later file has it
            }
        }

        if (_orders is null)
        {
            PlatformOrders = Layouts.PlatformOrders.Write(_options.Layout, _directory, _store, _options, _exportedAt,
                _exportedAt.AddMinutes(ExportMinute), exported);
        }
    }

    public static void WriteOrder(BatchedFile file, string storeId, OrderState state)
    {
        var batch = file.Batch;
        var order = state.Order;
        var row = batch.AddRow();
        batch.SetText(row, 0, order.OrderId);
        batch.SetText(row, 1, storeId);
        batch.SetText(row, 2, order.BuyerId);
        batch.SetTimestamp(row, 3, order.CreatedAt);
        if (state.PaidAt is { } paid)
        {
            batch.SetTimestamp(row, 4, paid);
        }

        batch.SetNumber(row, 5, order.AmountFen);
        batch.SetNumber(row, 6, order.Items);
        batch.SetText(row, 7, state.Status);
        batch.SetNumber(row, 8, state.RefundFen);
        if (state.RefundedAt is { } refunded)
        {
            batch.SetTimestamp(row, 9, refunded);
        }

        batch.SetTimestamp(row, 10, state.UpdatedAt);
        file.FlushIfFull();
    }

    private void Emit(string buyer, Agent agent, string sender, DateTime at, string? content)
    {
        if (at >= _periodEnd)
        {
            return;
        }

        Tally?.Message(agent, buyer, sender, at);
        _transcript?.Message(buyer, agent, sender, at, content, _transferredFrom);
        _transferredFrom = null;
        if (_chats is null)
        {
            return;
        }

        var batch = _chats.Batch;
        var row = batch.AddRow();
        batch.SetNumber(row, 0, _nextMessageId++);
        batch.SetText(row, 1, _store.StoreId);
        batch.SetText(row, 2, buyer);
        batch.SetText(row, 3, agent.AgentId);
        batch.SetText(row, 4, sender);
        batch.SetTimestamp(row, 5, at);
        batch.SetText(row, 6, content);
        _chats.FlushIfFull();
    }

    private static readonly string[] NickStems = ["小猫爱吃鱼", "sunny", "晴天娃娃", "momo", "追风少年", "lucky", "柠檬不酸", "阿狸", "tb", "jd_", "快乐星球", "cc"];

    private static string NewBuyer(Random random) =>
        random.Chance(0.6) ? $"tb{random.Next(100_000_000, 999_999_999)}" : $"{random.Pick(NickStems)}{random.Next(10, 99_999)}";

    private static DateTime StartTime(DateOnly day, double[] hours, Random random) =>
        day.ToDateTime(new TimeOnly(random.PickWeighted(hours), random.Next(60), random.Next(60)));

    /// <summary>Seconds a buyer takes before the next question; now and then long enough to break a reception's timing.</summary>
    private static int ThinkSeconds(Random random) => random.Chance(0.08) ? random.Next(600, 1800) : random.Next(10, 120);

    private static int Geometric(Random random, double stop, int max)
    {
        var n = 0;
        while (n < max && !random.Chance(stop))
        {
            n++;
        }

        return n;
    }

    private static double[] Cumulative(IEnumerable<double> weights)
    {
        var sum = 0.0;
        return weights.Select(w => sum += w).ToArray();
    }

    public void Dispose()
    {
        _chats?.Dispose();
        _transcript?.Dispose();
        _orders?.Dispose();
        _ratings?.Dispose();
    }
}
