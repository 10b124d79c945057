using Dapper;
using DuckDB.NET.Data;

namespace CsKpi.Warehouse.Tests;

/// <summary>
/// Migration 0046 on a warehouse written before it: every user gets a security stamp of their own, and a supervisor
/// or agent user saved without a store gets the one store their team or agent is in (never a guess between two).
/// </summary>
public sealed class UserSessionMigrationTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Older_users_get_a_stamp_each_and_the_store_their_team_or_agent_is_in()
    {
        using var connection = new DuckDBConnection("Data Source=" + temp.File("old.duckdb"));
        connection.Open();
        // The file of a build before 0046 had that build's macros, not today's (which name tables of later migrations).
        new MigrationRunner(MigrationRunner.Embedded.Where(m => m.Version < 46).ToList(), definitions: []).Apply(connection);
        connection.Execute("""
            insert into core.dim_agent (agent_key, agent_id, store_id, name, team, role, is_registered, valid_from, is_current) values
                (1, '甲店:小A', '甲店', '小A', '售前一组', 'presale', true, date '2026-01-01', true),
                (2, '甲店:小B', '甲店', '小B', '售后一组', 'aftersale', true, date '2026-01-01', true),
                (3, '乙店:小C', '乙店', '小C', '售后一组', 'aftersale', true, date '2026-01-01', true);
            insert into app.user_account (user_name, display_name, role, store_id, team, agent_id, password_hash) values
                ('lead-a', 'lead-a', 'supervisor', null, '售前一组', null, 'h'),
                ('lead-both', 'lead-both', 'supervisor', null, '售后一组', null, 'h'),
                ('agent-c', 'agent-c', 'agent', null, null, '乙店:小C', 'h'),
                ('boss', 'boss', 'admin', null, null, null, 'h'),
                ('hr', 'hr', 'hr', null, null, null, 'h');
            """);

        MigrationRunner.ForEmbedded().Apply(connection);

        var users = connection.Query<(string User, string? Store, string? Stamp)>(
            "select user_name, store_id, security_stamp from app.user_account order by user_name").ToList();
        Assert.Equal(
            [("agent-c", "乙店"), ("boss", null), ("hr", null), ("lead-a", "甲店"), ("lead-both", null)],
            users.Select(u => (u.User, u.Store)));
        Assert.All(users, u => Assert.False(string.IsNullOrEmpty(u.Stamp)));
        Assert.Equal(users.Count, users.Select(u => u.Stamp).Distinct().Count());
    }
}
