using System.Globalization;
using CsKpi.Seed.Layouts;
using CsKpi.Seed.Output;

namespace CsKpi.Seed;

/// <summary>The options of interfaces.md. <see cref="Agents"/> is per store.</summary>
public sealed record SeedOptions
{
    public required string OutputDirectory { get; init; }
    public int Agents { get; init; } = 35;
    public int Days { get; init; } = 90;
    public DateOnly Start { get; init; } = new(2026, 1, 1);
    public int Stores { get; init; } = 1;
    public int Seed { get; init; } = 42;
    public FileFormat Format { get; init; } = FileFormat.Csv;
    /// <summary>Write the orders CSV in GBK, as Chinese shop back-ends export it.</summary>
    public bool GbkOrders { get; init; }
    public int BadRows { get; init; }
    /// <summary>How many (store, month) partitions are generated at once; the output does not depend on it.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;
    /// <summary>Orders in a platform's export layout and HR files in Excel; chats and ratings stay in the contract.</summary>
    public Layout Layout { get; init; } = Layout.Contract;
    /// <summary>Only the chat messages (what the benchmark measures); no other kind is written.</summary>
    public bool ChatsOnly { get; init; }
    /// <summary>Also write the CS tools' per-agent reports and attendance of every store, counted from its own chats (docs/seed.md).</summary>
    public bool Reports { get; init; }
    /// <summary>Chats written as text copied from 千牛's chat window (one .txt per store and month) instead of the contract file.</summary>
    public bool Transcripts { get; init; }
    /// <summary>The last this many stores have only reports: their chats are simulated, counted and not written.</summary>
    public int ReportOnlyStores { get; init; }
    /// <summary>Write even into a folder that holds another run's files (<see cref="OutputFolder"/>).</summary>
    public bool Force { get; init; }

    /// <summary>Whether a store's chats and ratings are written (else it is one of the report-only stores).</summary>
    public bool WritesChatsOf(int storeIndex) => storeIndex < Stores - ReportOnlyStores;

    /// <summary>Whether a store's reports are written.</summary>
    public bool WritesReportsOf(int storeIndex) => !ChatsOnly && (Reports || !WritesChatsOf(storeIndex));

    public DateOnly End => Start.AddDays(Days);

    /// <summary>The format a kind's files are written in: the HR kinds of a platform layout are workbooks.</summary>
    public FileFormat FormatOf(string kind) => Layout.InContract(kind) ? Format : FileFormat.Xlsx;

    public const string Usage = """
        usage: dotnet run --project seed/CsKpi.Seed -- --out DIR [options]

          --out DIR          where to write the files (created if missing); a folder of its own, not the site's
                             inbox: a folder holding another run's files is refused unless --force
          --force            write into --out even when it holds another run's files
          --agents N         agents per store (default 35, at least 4)
          --days N           days of chats and orders (default 90)
          --start DATE       first day, yyyy-MM-dd (default 2026-01-01)
          --stores N         stores (default 1, at most 20)
          --seed N           random seed (default 42); same seed and options give byte-identical files
          --format F         csv | parquet | jsonl (default csv)
          --encoding E       utf8 | gbk: the encoding of the orders CSV (default utf8)
          --layout L         contract | taobao | jd | pdd | douyin (default contract): orders as that platform
                             exports them, rosters, courses and training as HR keeps them (.xlsx); chats and
                             ratings stay in the contract's --format
          --bad-rows N       add N intentionally bad rows of the kinds the data contract rejects (default 0)
          --parallel N       partitions generated at once (default: processor count)
          --chats-only       write only the chat messages (what the seed-chats benchmark measures)
          --reports          also write each store's CS tool reports (赤兔 售前, 客服工作量, 客服数据, 遵时率), daily
                             and whole-month, .xlsx and GBK CSV, counted from its own chats
          --report-only-stores N
                             the last N stores write reports instead of chats and ratings (default 0)
          --transcripts      write the chats as 千牛 chat-window copies (店铺名/聊天记录_yyyy-MM.txt) instead of
                             the contract's chats files
        """;

    /// <summary>Parses the command line; throws <see cref="ArgumentException"/> with a message a person can act on.</summary>
    public static SeedOptions Parse(IReadOnlyList<string> args)
    {
        string? output = null;
        var options = new SeedOptions { OutputDirectory = "" };
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value");
            int Int(int min, int max)
            {
                var text = Value();
                return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
                    ? v
                    : throw new ArgumentException($"{name} '{text}' is not a whole number from {min} to {max}");
            }

            options = name switch
            {
                "--out" => options with { OutputDirectory = output = Value() },
                "--agents" => options with { Agents = Int(4, 10_000) },
                "--days" => options with { Days = Int(1, 3_660) },
                "--stores" => options with { Stores = Int(1, StoreNames.Count) },
                "--seed" => options with { Seed = Int(0, int.MaxValue) },
                "--bad-rows" => options with { BadRows = Int(0, 1_000_000) },
                "--parallel" => options with { Parallelism = Int(1, 256) },
                "--start" => options with { Start = ParseDate(Value()) },
                "--format" => options with { Format = ParseFormat(Value()) },
                "--encoding" => options with { GbkOrders = ParseEncoding(Value()) },
                "--layout" => options with { Layout = LayoutExtensions.Parse(Value()) },
                "--chats-only" => options with { ChatsOnly = true },
                "--reports" => options with { Reports = true },
                "--transcripts" => options with { Transcripts = true },
                "--force" => options with { Force = true },
                "--report-only-stores" => options with { ReportOnlyStores = Int(0, StoreNames.Count) },
                _ => throw new ArgumentException($"unknown option '{name}'"),
            };
        }

        if (output is null)
        {
            throw new ArgumentException("--out DIR is required");
        }

        return options.ReportOnlyStores > options.Stores
            ? throw new ArgumentException($"--report-only-stores {options.ReportOnlyStores} is more than --stores {options.Stores}")
            : options.ChatsOnly && (options.Reports || options.ReportOnlyStores > 0 || options.Transcripts)
            ? throw new ArgumentException("--chats-only writes the contract's chats only; leave out --reports, --report-only-stores and --transcripts")
            : options;
    }

    private static DateOnly ParseDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new ArgumentException($"--start '{text}' is not a date; expected yyyy-MM-dd, e.g. 2026-01-01");

    private static FileFormat ParseFormat(string text) => text.ToLowerInvariant() switch
    {
        "csv" => FileFormat.Csv,
        "parquet" => FileFormat.Parquet,
        "jsonl" => FileFormat.Jsonl,
        _ => throw new ArgumentException($"--format '{text}' is not one of csv, parquet, jsonl"),
    };

    private static bool ParseEncoding(string text) => text.ToLowerInvariant() switch
    {
        "utf8" or "utf-8" => false,
        "gbk" => true,
        _ => throw new ArgumentException($"--encoding '{text}' is not one of utf8, gbk"),
    };
}
