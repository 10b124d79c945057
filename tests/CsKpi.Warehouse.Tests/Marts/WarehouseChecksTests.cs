using CsKpi.Seed;
using Dapper;

namespace CsKpi.Warehouse.Tests.Marts;

/// <summary>A seeded warehouse the checks pass on, shared by the cases of <see cref="WarehouseChecksTests"/>.</summary>
public sealed class CheckedWarehouse : IDisposable
{
    public CheckedWarehouse()
    {
        Bed = new MartBed();
        SeedRun.Run(new SeedOptions { OutputDirectory = Bed.Inbox, Agents = 3, Days = 4, Start = new DateOnly(2026, 3, 2), Seed = 11 });
        Bed.Ingest();
    }

    public MartBed Bed { get; }

    public void Dispose() => Bed.Dispose();
}

/// <summary>
/// Each whole-history check (<c>sql/checks/</c>) fails on the broken data it was written to catch: a key twice, a lost
/// or doubled message, a credit that points nowhere. Each case breaks the seeded warehouse inside a transaction, runs the
/// checks, and rolls back. The checks group the largest facts by narrower keys than their grain (issue 17: an order's
/// credits by order, a consultation's questions as bits, keys by their hash); these cases hold them to the duplicates
/// and mismatches the grain itself would show.
/// </summary>
public sealed class WarehouseChecksTests(CheckedWarehouse warehouse) : IClassFixture<CheckedWarehouse>
{
    private const string UniqueKeys = "checks/unique_keys.sql";
    private const string ReceptionsMatchMessages = "checks/receptions_match_messages.sql";
    private const string CreditsPointAtReceptions = "checks/credits_point_at_receptions.sql";

    /// <summary>A received reception with a credit pointing into it: the first credit to an agent.</summary>
    private const string CreditedReception =
        """
        (select r.rowid from core.fct_reception as r
         join raw.chat_message as m on m.buyer_id = r.buyer_id
         join core.fct_order_credit as c on c.message_key = m.message_key
         where c.agent_id is not null and r.store_id = c.store_id and r.agent_id = c.agent_id and r.business_day = c.message_day
         order by c.store_id, c.order_id, c.rule limit 1)
        """;

    private const string FirstCredit =
        "(select rowid from core.fct_order_credit where agent_id is not null order by store_id, order_id, rule limit 1)";

    public static TheoryData<string, string, string> Breaks => new()
    {
        // unique_keys
        { "an order twice", "insert into core.fct_order select * from core.fct_order limit 1", UniqueKeys },
        { "an order credited twice under order_created", CreditTwice("order_created"), UniqueKeys },
        { "an order credited twice under paid", CreditTwice("paid"), UniqueKeys },
        { "an order credited twice under order_first", CreditTwice("order_first"), UniqueKeys },
        {
            "an order credited twice under a rule of another name",
            "insert into core.fct_order_credit select * replace ('later_rule' as rule) from core.fct_order_credit " +
            "where rowid = (select min(rowid) from core.fct_order_credit) union all " +
            "select * replace ('later_rule' as rule) from core.fct_order_credit where rowid = (select min(rowid) from core.fct_order_credit)",
            UniqueKeys
        },
        { "a reception twice", "insert into core.fct_reception select * from core.fct_reception limit 1", UniqueKeys },
        {
            "two receptions sharing a consultation_key (a hash collision)",
            "update core.fct_reception set consultation_key = (select consultation_key from core.fct_reception where rowid = (select max(rowid) from core.fct_reception)) " +
            "where rowid = (select min(rowid) from core.fct_reception)",
            UniqueKeys
        },
        {
            "a reception moved onto another buyer's consultation of the same agent and day",
            """
            update core.fct_reception as r set buyer_id = o.buyer_id
            from (select a.rowid as moved, b.buyer_id from core.fct_reception as a
                  join core.fct_reception as b using (store_id, agent_id, business_day)
                  where a.buyer_id < b.buyer_id order by all limit 1) as o
            where r.rowid = o.moved
            """,
            UniqueKeys
        },
        { "a question twice", "insert into core.fct_question select * from core.fct_question limit 1", UniqueKeys },
        {
            "a question numbered past 63 twice",
            "insert into core.fct_question select * replace (100 as question_no) from core.fct_question where rowid = (select min(rowid) from core.fct_question) " +
            "union all select * replace (100 as question_no) from core.fct_question where rowid = (select min(rowid) from core.fct_question)",
            UniqueKeys
        },
        {
            "a question numbered 63 twice",
            "insert into core.fct_question select * replace (63 as question_no) from core.fct_question where rowid = (select min(rowid) from core.fct_question) " +
            "union all select * replace (63 as question_no) from core.fct_question where rowid = (select min(rowid) from core.fct_question)",
            UniqueKeys
        },
        { "an agent message twice", "insert into core.fct_agent_message select * from core.fct_agent_message limit 1", UniqueKeys },

        // receptions_match_messages
        {
            "a buyer message lost",
            "delete from raw.chat_message where rowid = (select min(rowid) from raw.chat_message where sender = 'buyer')",
            ReceptionsMatchMessages
        },
        {
            "a buyer message loaded twice",
            "insert into raw.chat_message select * replace (message_key || '#again' as message_key) from raw.chat_message " +
            "where rowid = (select min(rowid) from raw.chat_message where sender = 'buyer')",
            ReceptionsMatchMessages
        },
        {
            "a reception moved to another buyer under its old key",
            "update core.fct_reception set buyer_id = buyer_id || '-moved' where rowid = (select min(rowid) from core.fct_reception)",
            ReceptionsMatchMessages
        },
        {
            "a reception counting one buyer message too many",
            "update core.fct_reception set buyer_messages = buyer_messages + 1 where rowid = (select min(rowid) from core.fct_reception)",
            ReceptionsMatchMessages
        },

        // credits_point_at_receptions
        {
            "a credit pointing at a buyer message",
            "update core.fct_order_credit set message_key = (select message_key from raw.chat_message where sender = 'buyer' order by message_key limit 1) " +
            "where rowid = " + FirstCredit,
            CreditsPointAtReceptions
        },
        {
            "a credit pointing at a message that is not loaded",
            "update core.fct_order_credit set message_key = message_key || '#gone' where rowid = " + FirstCredit,
            CreditsPointAtReceptions
        },
        {
            "a credit to another agent than the message's",
            "update core.fct_order_credit set agent_id = agent_id || '-other' where rowid = " + FirstCredit,
            CreditsPointAtReceptions
        },
        {
            "a credit whose message time is not the message's",
            "update core.fct_order_credit set message_at = message_at + interval 1 second where rowid = " + FirstCredit,
            CreditsPointAtReceptions
        },
        {
            "a credit whose message is outside its window",
            "update core.fct_order_credit set window_to = message_at - interval 1 second where rowid = " + FirstCredit,
            CreditsPointAtReceptions
        },
        {
            "a credit into a reception that was not received",
            "update core.fct_reception set is_received = false where rowid = " + CreditedReception,
            CreditsPointAtReceptions
        },
        { "a credit into a reception that is gone", "delete from core.fct_reception where rowid = " + CreditedReception, CreditsPointAtReceptions },
        {
            "a credit into a reception moved to another buyer under its old key",
            "update core.fct_reception set buyer_id = buyer_id || '-moved' where rowid = " + CreditedReception,
            CreditsPointAtReceptions
        },
    };

    [Theory]
    [MemberData(nameof(Breaks))]
    public void A_check_fails_on_the_data_it_guards_against(string broken, string breaking, string check)
    {
        var failures = Broken(breaking);
        Assert.True(failures.Any(f => f.Check == check), $"{broken}: {check} did not fail; failures: {string.Join("; ", failures)}");
    }

    [Fact]
    public void A_consultation_without_its_reception_is_named_by_its_messages()
    {
        using var connection = warehouse.Bed.Warehouse.OpenConnection();
        var (store, agent, buyer, day) = connection.QueryFirst<(string, string, string, DateTime)>(
            "select store_id, agent_id, buyer_id, business_day from core.fct_reception order by all limit 1");
        var failures = Broken(
            "delete from core.fct_reception where (store_id, agent_id, buyer_id, business_day) = " +
            $"('{store}', '{agent}', '{buyer}', date '{day:yyyy-MM-dd}')");
        var missing = Assert.Single(failures, f => f.Check == ReceptionsMatchMessages);
        Assert.Equal(1, missing.Rows);
        Assert.Contains($"buyer_id={buyer}", missing.Examples[0]);
        Assert.Contains($"agent_id={agent}", missing.Examples[0]);
        Assert.EndsWith("in_reception=", missing.Examples[0]);
    }

    [Fact]
    public void Question_numbers_past_63_once_each_are_no_duplicate()
    {
        var failures = Broken(
            "insert into core.fct_question select * replace (100 as question_no) from core.fct_question where rowid = (select min(rowid) from core.fct_question) " +
            "union all select * replace (64 as question_no) from core.fct_question where rowid = (select min(rowid) from core.fct_question)");
        Assert.DoesNotContain(failures, f => f.Check == UniqueKeys);
    }

    [Fact]
    public void The_seeded_warehouse_passes_every_check() => Assert.Empty(Broken("select 1"));

    /// <summary>The checks' failures on the seeded warehouse broken by one statement, which is then rolled back.</summary>
    private IReadOnlyList<CheckFailure> Broken(string breaking)
    {
        using var connection = warehouse.Bed.Warehouse.OpenConnection();
        connection.Execute("begin transaction");
        try
        {
            connection.Execute(breaking);
            return WarehouseChecks.Run(connection);
        }
        finally
        {
            connection.Execute("rollback");
        }
    }

    private static string CreditTwice(string rule) =>
        $"insert into core.fct_order_credit select * from core.fct_order_credit where rule = '{rule}' order by store_id, order_id limit 1";
}
