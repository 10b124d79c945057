using System.CommandLine;
using System.Globalization;
using CsKpi.Warehouse;

namespace CsKpi.Cli;

public static partial class CommandLine
{
    /// <summary>Reads one option value; false, with what is wrong with it (after the option's name), when it is not one.</summary>
    private delegate bool ValueReader<T>(string text, out T value, out string problem);

    /// <summary>
    /// --warehouse PATH and --json, which every verb takes. Each verb gets its own instances (a symbol belongs to
    /// the commands it was added to).
    /// </summary>
    private static (Option<string?> Warehouse, Option<bool> Json) CommonOptions(Command verb)
    {
        var warehouse = Text("--warehouse", "PATH",
            $"the warehouse file (default {WarehouseOptions.DefaultPath}, or ${WarehouseOptions.PathVariable})");
        var json = new Option<bool>("--json") { Description = "machine-readable output on stdout" };
        verb.Add(warehouse);
        verb.Add(json);
        return (warehouse, json);
    }

    /// <summary>An option whose value is text that may not be empty (<c>--inbox=</c> is a missing DIR, not the current folder).</summary>
    private static Option<string?> Text(string name, string placeholder, string description) =>
        Valued<string?>(name, placeholder, description, (string text, out string? value, out string problem) =>
        {
            value = text;
            problem = $"needs a {placeholder}";
            return text.Length > 0;
        });

    /// <summary>
    /// An option with one value read by <paramref name="read"/>; a value it refuses is a usage error that names the
    /// option and says what was expected. Given twice, the last one counts. A value may not look like an option: <c>--warehouse --json</c> is a
    /// missing PATH, not a file named --json.
    /// </summary>
    private static Option<T> Valued<T>(string name, string placeholder, string description, ValueReader<T> read) =>
        new(name)
        {
            // Given twice, the last one counts (a script's default overridden later on the line), one value per mention.
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
            HelpName = placeholder,
            Description = description,
            CustomParser = result =>
            {
                var text = result.Tokens is [.., var last] ? last.Value : "";
                if (text.StartsWith("--", StringComparison.Ordinal))
                {
                    // The parser hands an option's next token to it even when that is another option.
                    result.AddError($"{name} needs a {placeholder}");
                    return default!;
                }

                if (read(text, out var value, out var problem))
                {
                    return value;
                }

                result.AddError($"{name} {problem}");
                return default!;
            },
        };

    private static Option<DateOnly?> Day(string name, string description) =>
        Valued<DateOnly?>(name, "DATE", description, (string text, out DateOnly? value, out string problem) =>
        {
            var ok = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day);
            value = ok ? day : null;
            problem = $"'{text}' is not a date; expected yyyy-MM-dd, e.g. 2026-03-01";
            return ok;
        });

    /// <summary>What is wrong when --from is after --to; null when they are the right way round or either is absent.</summary>
    /// <remarks>Checked by the verb, not by a validator: a validator would read a --from that is no date.</remarks>
    private static string? Misordered(DateOnly? from, DateOnly? to) =>
        from > to ? $"--from {from:yyyy-MM-dd} is after --to {to:yyyy-MM-dd}" : null;

    /// <summary>An option the verb cannot run without, and the sentence that says what to type.</summary>
    private static void Needs(Command verb, Option option, string problem) =>
        verb.Validators.Add(result =>
        {
            if (result.GetResult(option) is null)
            {
                result.AddError(problem);
            }
        });
}
