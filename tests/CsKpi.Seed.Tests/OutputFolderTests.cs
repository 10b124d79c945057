using CsKpi.Seed.Tests.Support;

namespace CsKpi.Seed.Tests;

/// <summary>The seed's command line never writes into a folder that holds another run's files (the demo's inbox) unless --force.</summary>
public sealed class OutputFolderTests
{
    [Fact]
    public void A_folder_of_another_run_is_refused_and_names_a_file_of_it()
    {
        using var temp = new TempDirectory("refuse");
        var inbox = temp.Sub("inbox");
        File.WriteAllText(Path.Combine(inbox, "ExportOrderList202611.csv"), "demo");

        var refusal = OutputFolder.Refusal(SeedOptions.Parse(["--out", inbox]));

        Assert.NotNull(refusal);
        Assert.Contains("ExportOrderList202611.csv", refusal, StringComparison.Ordinal);
        Assert.Contains("--force", refusal, StringComparison.Ordinal);
        Assert.Null(OutputFolder.Refusal(SeedOptions.Parse(["--out", inbox, "--force"])));
    }

    [Fact]
    public void A_run_with_other_options_over_a_seeded_folder_is_refused_and_the_same_run_is_not()
    {
        using var temp = new TempDirectory("rerun");
        var folder = temp.Sub("seed");
        SeedRun.Run(new SeedOptions { OutputDirectory = folder, Agents = 4, Days = 2, ChatsOnly = true });

        Assert.Null(OutputFolder.Refusal(SeedOptions.Parse(["--out", folder, "--agents", "4", "--days", "2", "--chats-only"])));
        Assert.NotNull(OutputFolder.Refusal(SeedOptions.Parse(["--out", folder, "--agents", "4", "--days", "3", "--chats-only"])));
    }

    [Fact]
    public void A_missing_or_empty_folder_is_written()
    {
        using var temp = new TempDirectory("empty");

        Assert.Null(OutputFolder.Refusal(SeedOptions.Parse(["--out", temp.Sub("empty")])));
        Assert.Null(OutputFolder.Refusal(SeedOptions.Parse(["--out", Path.Combine(temp.Path, "missing")])));
    }

    [Fact]
    public void The_readme_seeds_into_a_folder_of_its_own_and_ingests_it_into_a_warehouse_of_its_own()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var seed = readme.Split('\n').Single(l => l.StartsWith("dotnet run --project seed/CsKpi.Seed", StringComparison.Ordinal));

        Assert.DoesNotContain("--out data/inbox", seed, StringComparison.Ordinal);
        Assert.Contains("--out data/seed/inbox", seed, StringComparison.Ordinal);
        Assert.Contains("export CSKPI_WAREHOUSE=data/seed/cskpi.duckdb", readme, StringComparison.Ordinal);
        Assert.Contains("ingest --inbox data/seed/inbox", readme, StringComparison.Ordinal);
    }
}

/// <summary>The repository's root: the first folder up from the tests' output that holds the solution.</summary>
internal static class Repository
{
    public static string Root { get; } = Find(AppContext.BaseDirectory);

    private static string Find(string from)
    {
        for (var folder = new DirectoryInfo(from); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CsKpi.Warehouse.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no CsKpi.Warehouse.sln above {from}");
    }
}
