using CsKpi.Seed.Contract;
using CsKpi.Seed.Layouts;
using CsKpi.Seed.Output;

namespace CsKpi.Seed.Generation;

/// <summary>An intentionally bad row the seed wrote, and why the contract rejects it.</summary>
public sealed record BadRow(string File, string Kind, long Line, string Column, string Value, string Reason);

/// <summary>
/// The broken rows of <c>--bad-rows N</c>: one of each kind of mistake the data contract lists, in turn, each
/// appended to the first file of its kind. Parquet is typed, so it gets only the mistakes a typed file can hold.
/// </summary>
internal static class BadRows
{
    private sealed record Recipe(string Kind, string Column, string Value, string Reason, bool TextOnly, Action<RowBatch, int> Break);

    private static readonly Recipe[] Recipes =
    [
        new("chats", "sent_at", "yesterday noon", "sent_at is not a timestamp", true, (b, r) => b.SetRaw(r, 5, "yesterday noon")),
        new("orders", "amount", "-12.50", "amount is negative", false, (b, r) => b.SetNumber(r, 5, -1250)),
        new("agents", "hired_on", "", "hired_on is required", false, (b, r) => b.Present[5][r] = false),
        new("training", "score", "140", "score is above 100", false, (b, r) => b.SetNumber(r, 4, 140)),
        new("ratings", "score", "7", "score is not 1–5", false, (b, r) => b.SetNumber(r, 4, 7)),
        new("chats", "sender", "robot", "sender is not buyer, agent, auto or system", false, (b, r) => b.SetText(r, 4, "robot")),
        new("orders", "refund_amount", "999.00", "refund_amount is above amount", false, (b, r) => b.SetNumber(r, 8, 99_900)),
        new("courses", "category", "cooking", "category is not one of the eight", false, (b, r) => b.SetText(r, 2, "cooking")),
        new("chats", "buyer_id", "", "buyer_id is required", false, (b, r) => b.SetText(r, 2, null)),
        new("orders", "created_at", "2026-13-45 25:61:00", "created_at is not a timestamp", true, (b, r) => b.SetRaw(r, 3, "2026-13-45 25:61:00")),
        new("agents", "role", "经理", "role is not presale, aftersale or both", false, (b, r) => b.SetText(r, 4, "经理")),
        new("training", "status", "done", "status is not planned, in_progress or completed", false, (b, r) => b.SetText(r, 2, "done")),
    ];

    /// <summary>Which recipes the first N bad rows use, by kind.</summary>
    public static ILookup<string, int> Plan(SeedOptions options)
    {
        // A platform layout's orders and HR workbooks are the platform's and HR's own forms: the contract's mistakes go
        // only into the files still in the contract (chats, ratings).
        var usable = Enumerable.Range(0, Recipes.Length)
            .Where(i => (!Recipes[i].TextOnly || options.Format != FileFormat.Parquet) && options.Layout.InContract(Recipes[i].Kind)).ToArray();
        return Enumerable.Range(0, options.BadRows).Select(n => usable[n % usable.Length]).ToLookup(i => Recipes[i].Kind);
    }

    /// <summary>Appends the planned bad rows of the file's kind to it and says where they went.</summary>
    public static IEnumerable<BadRow> Append(BatchedFile file, IEnumerable<int> recipes, string storeId, string agentId, FileFormat format)
    {
        var written = new List<BadRow>();
        var n = 0;
        foreach (var index in recipes)
        {
            var recipe = Recipes[index];
            var batch = file.Batch;
            var line = file.Rows + (format == FileFormat.Csv ? 2 : 1); // CSV line 1 is the header
            var row = batch.AddRow();
            FillPlausible(batch, row, file.Table, storeId, agentId, n++);
            recipe.Break(batch, row);
            file.FlushIfFull();
            written.Add(new BadRow(file.FileName, recipe.Kind, line, recipe.Column, recipe.Value, recipe.Reason));
        }

        return written;
    }

    private static void FillPlausible(RowBatch b, int row, ContractTable table, string storeId, string agentId, int n)
    {
        var at = new DateTime(2026, 1, 1, 10, 0, 0).AddMinutes(n);
        switch (table.Kind)
        {
            case "chats":
                b.SetNumber(row, 0, 9_000_000_000_000_000 + n);
                b.SetText(row, 1, storeId);
                b.SetText(row, 2, $"tb90000{n:D4}");
                b.SetText(row, 3, agentId);
                b.SetText(row, 4, "buyer");
                b.SetTimestamp(row, 5, at);
                b.SetText(row, 6, "在吗");
                break;
            case "orders":
                b.SetText(row, 0, $"9{n:D15}");
                b.SetText(row, 1, storeId);
                b.SetText(row, 2, $"tb90000{n:D4}");
                b.SetTimestamp(row, 3, at);
                b.SetTimestamp(row, 4, at.AddMinutes(2));
                b.SetNumber(row, 5, 19_900);
                b.SetNumber(row, 6, 1);
                b.SetText(row, 7, "paid");
                b.SetNumber(row, 8, 0);
                b.SetTimestamp(row, 10, at.AddMinutes(2));
                break;
            case "agents":
                b.SetText(row, 0, $"{agentId.Split(':')[0]}:坏行{n}");
                b.SetText(row, 1, "测试坏行");
                b.SetText(row, 2, storeId);
                b.SetText(row, 3, "售前一组");
                b.SetText(row, 4, "presale");
                b.SetDate(row, 5, new DateOnly(2025, 6, 1));
                b.SetDate(row, 10, DateOnly.FromDateTime(at));
                break;
            case "training":
                b.SetText(row, 0, agentId);
                b.SetText(row, 1, "P01");
                b.SetText(row, 2, "completed");
                b.SetDate(row, 3, DateOnly.FromDateTime(at));
                b.SetNumber(row, 4, 80);
                break;
            case "ratings":
                b.SetText(row, 0, storeId);
                b.SetText(row, 1, $"tb90000{n:D4}");
                b.SetText(row, 2, agentId);
                b.SetTimestamp(row, 3, at);
                b.SetNumber(row, 4, 5);
                break;
            case "courses":
                b.SetText(row, 0, $"BAD{n:D2}");
                b.SetText(row, 1, "坏行课程");
                b.SetText(row, 2, "product");
                b.SetNumber(row, 3, 60);
                b.SetText(row, 5, "L1");
                break;
        }
    }
}
