using CsKpi.Warehouse;
using Dapper;

namespace CsKpi.Jobs.Tests.Planning;

/// <summary>
/// The agent page's engines computed for one agent (issue 17, "one agent's page computes only that agent"): each
/// macro called with <c>only_agent</c> gives exactly that agent's rows of the macro over everyone, for every agent of
/// the seeded store, while reading that agent's rows alone.
/// </summary>
public sealed class OneAgentMacroTests(SeededWarehouse seeded) : IClassFixture<SeededWarehouse>
{
    private readonly WarehouseDatabase warehouse = seeded.Warehouse;

    public static TheoryData<string, string> Macros => new()
    {
        { "marts.kpi_agent_period('range', $from, $to{0})", "agent_id" },
        { "marts.kpi_agent_period('day', $from, $to{0})", "agent_id" },
        { "marts.agent_metric('week', $from, $to{0})", "agent_id" },
        { "marts.kpi_diagnosis($from, $to, 'en'{0})", "agent_id" },
        { "marts.undecided_reception($from, $to{0})", "agent_id" },
        { "marts.training_status($to{0})", "agent_id" },
        { "marts.training_agent($to{0})", "agent_id" },
        { "marts.training_matrix($to{0})", "agent_id" },
        { "marts.next_to_learn($to{0})", "agent_id" },
    };

    [Theory]
    [MemberData(nameof(Macros))]
    public void One_agents_rows_are_that_agents_rows_of_everyone(string macro, string key)
    {
        using var connection = warehouse.OpenConnection();
        var agents = connection.Query<string>("select agent_id from core.dim_agent where is_current and is_registered order by agent_id").ToList();
        var everyone = string.Format(System.Globalization.CultureInfo.InvariantCulture, macro, "");
        var one = string.Format(System.Globalization.CultureInfo.InvariantCulture, macro, ", only_agent := $agent");
        var parameters = (string agent) => new { from = seeded.First, to = seeded.Last, agent };

        var rows = 0L;
        foreach (var agent in agents)
        {
            // Both ways round, duplicates counted: the same multiset of rows.
            var differing = connection.ExecuteScalar<long>($"""
                select count(*) from (
                    (select * from {one} except all select * from {everyone} where {key} = $agent)
                    union all
                    (select * from {everyone} where {key} = $agent except all select * from {one})
                )
                """, parameters(agent));
            Assert.True(differing == 0, $"{macro} for {agent}: {differing} rows differ");
            Assert.Equal(0, connection.ExecuteScalar<long>($"select count(*) from {one} where {key} is distinct from $agent", parameters(agent)));
            rows += connection.ExecuteScalar<long>($"select count(*) from {one}", parameters(agent));
        }

        if (!macro.Contains("training", StringComparison.Ordinal) && !macro.Contains("next_to_learn", StringComparison.Ordinal))
        {
            Assert.True(rows > 0, $"{macro}: the seeded agents should have rows");
        }
    }

    [Fact]
    public void The_diagnosis_of_one_agent_computes_no_team()
    {
        using var connection = warehouse.OpenConnection();
        var agent = connection.ExecuteScalar<string>("select agent_id from marts.kpi_agent_daily order by agent_id limit 1");

        var scopes = connection.Query<string>("select distinct scope from marts.kpi_diagnosis($from, $to, 'en', only_agent := $agent)",
            new { from = seeded.First, to = seeded.Last, agent }).ToList();

        Assert.Equal(["agent"], scopes);
    }
}
