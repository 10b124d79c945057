using Dapper;
using DuckDB.NET.Data;

namespace CsKpi.Warehouse;

/// <summary>
/// Creates definitions in an order that works. DuckDB binds a view or macro when it is created, so what it names (a
/// table, another macro) must exist first; the files do not spell that order and the catalog does not record it, so
/// it is found by trial: each round creates what binds now, and what failed waits for the next round, or for the
/// next migration to create what it needs. Adding a file never means editing a list.
/// </summary>
internal sealed class DefinitionOrder(IReadOnlyList<Definition> definitions)
{
    private readonly List<Definition> waiting = [.. definitions];
    private readonly List<Definition> created = [];
    private readonly Dictionary<Definition, string> lastError = [];

    /// <summary>Creates every waiting definition that binds, round after round while any round creates one.</summary>
    public void CreateWhatBinds(DuckDBConnection connection)
    {
        bool progress;
        do
        {
            progress = false;
            foreach (var definition in waiting.ToList())
            {
                if (TryCreate(connection, definition))
                {
                    waiting.Remove(definition);
                    created.Add(definition);
                    progress = true;
                }
            }
        }
        while (progress && waiting.Count > 0);
    }

    /// <summary>
    /// Creates every definition, or says which cannot be. <paramref name="recreate"/>: definitions created between
    /// migrations are created again, in the order that worked, since a later migration may have changed the tables
    /// they bound to (a view keeps the columns it saw).
    /// </summary>
    public void CreateAll(DuckDBConnection connection, bool recreate)
    {
        if (recreate)
        {
            waiting.InsertRange(0, created);
            created.Clear();
        }

        CreateWhatBinds(connection);
        if (waiting.Count > 0)
        {
            throw new InvalidOperationException(
                "These macros or views cannot be created on this warehouse; fix their files under sql/ (each error is "
                + "DuckDB's; a name it cannot find may be one of the others, or a table no migration creates): "
                + string.Join("; ", waiting.Select(d => $"sql/{d.Path}: {lastError.GetValueOrDefault(d)}")));
        }
    }

    private bool TryCreate(DuckDBConnection connection, Definition definition)
    {
        try
        {
            connection.Execute(definition.Sql);
            return true;
        }
        catch (DuckDBException error)
        {
            lastError[definition] = error.Message.Split('\n')[0];
            return false;
        }
    }
}
