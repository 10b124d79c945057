using Npgsql;

namespace CsKpi.Jobs.Tests.Support;

/// <summary>
/// A test that needs a real PostgreSQL (<see cref="PostgresBed.Variable"/>, which .ci/run sets after starting one on a
/// loopback port). Without it the test is skipped, saying why, on a developer's machine; in CI (<c>CI=true</c>) it
/// runs and fails, so a CI that lost its PostgreSQL cannot pass by skipping.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!PostgresBed.Available && !PostgresBed.InCi)
        {
            Skip = $"needs PostgreSQL: set {PostgresBed.Variable} to a connection string (Host=127.0.0.1;Port=55432;Username=…;Database=postgres) "
                + "of a server where it may create databases; .ci/run starts one. In CI (CI=true) this test fails instead of skipping.";
        }
    }
}

/// <summary>A database of its own on the test PostgreSQL, created for one test and dropped after it.</summary>
public sealed class PostgresBed : IDisposable
{
    public const string Variable = "CSKPI_TEST_POSTGRES";

    public static bool Available => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable));

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private readonly string server;

    public PostgresBed()
    {
        server = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given ? given
            : throw new InvalidOperationException($"CI=true but {Variable} is not set: .ci/run starts PostgreSQL and exports it, and the "
                + "multi-server tests must run in CI against a real PostgreSQL rather than skip.");
        Database = "cskpi_test_" + Guid.NewGuid().ToString("N")[..12];
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"create database {Database}", connection);
            create.ExecuteNonQuery();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = Database, Pooling = false }.ConnectionString;
    }

    public string Database { get; }

    /// <summary>The connection string of this test's own database.</summary>
    public string ConnectionString { get; }

    public void Dispose()
    {
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        using var drop = new NpgsqlCommand($"drop database if exists {Database} with (force)", connection);
        drop.ExecuteNonQuery();
    }
}
