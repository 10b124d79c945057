using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace CsKpi.Warehouse;

/// <summary>
/// One running sandbox worker (<c>CsKpi.Sandbox.dll</c>, beside the app that asks): the request goes in on its stdin,
/// the result comes out of its stdout. It runs under the asking app's own runtime and dependency list
/// (<c>dotnet exec --runtimeconfig … --depsfile …</c>), which already hold DuckDB and this assembly, so the site, cskpi
/// and the test hosts start it the same way.
/// </summary>
internal sealed class SandboxProcess : IDisposable
{
    public const string WorkerAssembly = "CsKpi.Sandbox.dll";

    private readonly Process process;
    private readonly StringBuilder errors = new();

    private SandboxProcess(Process process)
    {
        this.process = process;
        Output = new BinaryReader(process.StandardOutput.BaseStream, Encoding.UTF8);
        process.ErrorDataReceived += (_, line) =>
        {
            lock (errors)
            {
                // The last words are the ones that say why it died; keep a few kilobytes, never a flood.
                if (line.Data is { } text && errors.Length < 4096)
                {
                    errors.AppendLine(text);
                }
            }
        };
        process.BeginErrorReadLine();
    }

    public BinaryReader Output { get; }

    public static SandboxProcess Start(SandboxRequest request, string folder)
    {
        var worker = Path.Combine(AppContext.BaseDirectory, WorkerAssembly);
        if (!File.Exists(worker))
        {
            throw new SqlSandboxException($"The SQL sandbox's worker {WorkerAssembly} is missing beside the application ({AppContext.BaseDirectory}); reinstall or rebuild it.");
        }

        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        if (HostFiles() is var (runtimeConfig, deps))
        {
            start.ArgumentList.Add("--runtimeconfig");
            start.ArgumentList.Add(runtimeConfig);
            start.ArgumentList.Add("--depsfile");
            start.ArgumentList.Add(deps);
        }

        start.ArgumentList.Add(worker);
        KeepOnlyRuntimeEnvironment(start);
        var process = Process.Start(start) ?? throw new SqlSandboxException("The SQL sandbox's worker could not be started.");
        var running = new SandboxProcess(process);
        try
        {
            process.StandardInput.Write(JsonSerializer.Serialize(request));
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // It died before reading the request; reading its answer says why.
        }

        return running;
    }

    public void Kill()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It has already ended.
        }
    }

    /// <summary>Why the worker ended before its answer did: almost always memory (the kernel refused it).</summary>
    public string WhyLost()
    {
        if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
        {
            Kill();
        }

        string said;
        lock (errors)
        {
            said = errors.ToString().Trim();
        }

        var exit = process.HasExited ? process.ExitCode.ToString(CultureInfo.InvariantCulture) : "none";
        return $"{SqlSandbox.OutOfMemory} (the sandbox's process stopped with exit code {exit}{(said.Length > 0 ? ": " + said.Split('\n')[0].Trim() : "")})";
    }

    public void Dispose()
    {
        // A reader that stopped early (a page of 100 rows of a million) leaves the worker blocked on a full pipe.
        if (!process.HasExited)
        {
            Kill();
        }

        process.WaitForExit(TimeSpan.FromSeconds(5));
        Output.Dispose();
        process.Dispose();
    }

    /// <summary>
    /// The worker needs the runtime's variables (where .NET is, its settings, the locale and time zone), not the
    /// site's: an analyst's query has no business near <c>CSKPI_ADMIN_PASSWORD</c> or any other secret the site was
    /// started with, even though no sandboxed function reads the environment today.
    /// </summary>
    private static void KeepOnlyRuntimeEnvironment(ProcessStartInfo start)
    {
        var kept = start.Environment
            .Where(variable => variable.Key is "PATH" or "LANG" or "TZ" or "TMPDIR" or "TEMP" or "TMP" or "SYSTEMROOT"
                || variable.Key.StartsWith("DOTNET_", StringComparison.OrdinalIgnoreCase)
                || variable.Key.StartsWith("LC_", StringComparison.Ordinal))
            .ToList();
        start.Environment.Clear();
        foreach (var (key, value) in kept)
        {
            start.Environment[key] = value;
        }
    }

    /// <summary>The <c>dotnet</c> that runs this app: itself when the app runs under it, else the one its runtime came from.</summary>
    private static string DotnetHost()
    {
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is { } self && Path.GetFileName(self) == name)
        {
            return self;
        }

        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { } host && File.Exists(host))
        {
            return host;
        }

        // <root>/shared/Microsoft.NETCore.App/<version>/ is where the runtime lives; dotnet is in <root>.
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var beside = Path.Combine(root, name);
        return File.Exists(beside) ? beside : name;
    }

    /// <summary>The asking app's runtime config and dependency list, which name everything the worker loads.</summary>
    private static (string RuntimeConfig, string Deps)? HostFiles()
    {
        if (AppContext.GetData("APP_CONTEXT_DEPS_FILES") is not string files)
        {
            return null;
        }

        var deps = files.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(File.Exists);
        if (deps is null || !deps.EndsWith(".deps.json", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var runtimeConfig = deps[..^".deps.json".Length] + ".runtimeconfig.json";
        return File.Exists(runtimeConfig) ? (runtimeConfig, deps) : null;
    }
}
