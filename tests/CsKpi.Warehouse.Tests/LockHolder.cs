using DuckDB.NET.Data;

namespace CsKpi.Warehouse.Tests;

/// <summary>
/// The test assembly's entry point when it is run as a program rather than by the test runner: it plays the
/// other process that holds a warehouse file, which only a real second process can do (DuckDB's lock is per process).
/// </summary>
public static class LockHolder
{
    public const string ReadyLine = "holding";

    public static int Main(string[] args)
    {
        if (args is not ["hold", var path])
        {
            Console.Error.WriteLine("usage: hold PATH");
            return 2;
        }

        using var connection = new DuckDBConnection("Data Source=" + path);
        connection.Open();
        Console.WriteLine(ReadyLine);
        Console.Out.Flush();

        // Hold until the test closes our stdin; never linger past a minute if it forgot to.
        Task.Run(() => Console.In.ReadToEnd()).Wait(TimeSpan.FromSeconds(60));
        return 0;
    }
}
