using System.CommandLine;
using System.Globalization;
using CsKpi.Jobs.Scheduling;
using CsKpi.Jobs.Sharding;
using Hangfire;
using Hangfire.Common;
using Hangfire.Logging;
using Hangfire.Server;
using Hangfire.Storage;

namespace CsKpi.Cli;

public static partial class CommandLine
{
    private const string ServeDetails = """
        A job server without the site: runs the ingest, recompute, review and snapshot jobs of the shards it is
        given, from their queues (shard_NAME) in the jobs' PostgreSQL, which the site and every other server share.
        Reads the site's settings file (--config): Jobs:Shards (each shard's Warehouse, Inbox and Stores, paths
        relative to the file), ConnectionStrings:Jobs (else $CSKPI_JOBS_POSTGRES), Jobs:InvisibilitySeconds and
        Jobs:LockTimeoutSeconds. The site puts the shards' jobs on the clock; any number of servers may serve the
        same shard: a job runs once, on one of them, holding the shard's lock while its warehouse file is open.
        A server killed mid-job leaves it to another after the invisibility timeout (default 300 s after its last
        heartbeat), which waits for the dead server's lock to age past the lock timeout (default 7200 s: the
        longest a job may run). Prints one line on stderr per job done or failed. Runs until SIGTERM or Ctrl+C,
        which stop the running jobs at a safe point (docs/scale-out.md).
        """;

    private static Verb ServeVerb(TextWriter stderr, CancellationToken stop)
    {
        var config = Text("--config", "FILE", "the site's settings file (appsettings.json) with Jobs:Shards and ConnectionStrings:Jobs");
        var shard = new Option<string[]>("--shard")
        {
            HelpName = "NAME",
            Description = "a shard to serve, once per shard (default: every shard of the settings file)",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var workers = Valued<int?>("--workers", "N", "jobs at once (default: one per shard served; one shard's jobs never overlap)",
            (string text, out int? value, out string problem) =>
            {
                var ok = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 64;
                value = ok ? n : null;
                problem = $"'{text}' is not a number of workers from 1 to 64";
                return ok;
            });
        var name = Text("--name", "NAME", "this server's name on the dashboard (default: the machine's name)");
        var ingestNow = new Option<bool>("--ingest-now")
        {
            Description = "queue one ingest of each shard served as the server starts (the site's schedule queues them every 5 minutes)",
        };
        var verb = new Verb("serve", "run the shards' jobs from the shared PostgreSQL, without the site, until stopped", ServeDetails)
        {
            config, shard, workers, name, ingestNow,
        };
        Needs(verb, config, "cskpi serve needs --config FILE: the site's settings file, which names the shards (Jobs:Shards) and the jobs' PostgreSQL");
        verb.SetAction(parse => Serve(parse.GetValue(config)!, parse.GetValue(shard) ?? [], parse.GetValue(workers), parse.GetValue(name),
            parse.GetValue(ingestNow), stderr, stop));
        return verb;
    }

    private static int Serve(string configPath, string[] shardNames, int? workers, string? serverName, bool ingestNow, TextWriter stderr,
        CancellationToken stop)
    {
        ShardMap map;
        List<Shard> served;
        JobStorage storage;
        JobTimeouts timeouts;
        try
        {
            if (!File.Exists(configPath))
            {
                throw new InvalidOperationException($"there is no settings file at {Path.GetFullPath(configPath)}; pass the site's appsettings.json with --config FILE.");
            }

            var settings = CsKpi.Jobs.Sharding.Settings.Read(configPath);
            map = ShardMap.FromSettingsFile(configPath);
            if (map.IsEmpty)
            {
                throw new InvalidOperationException($"{Path.GetFullPath(configPath)} names no shards (Jobs:Shards); "
                    + "without shards the site runs every job itself, and there is nothing for cskpi serve to do.");
            }

            served = shardNames.Length == 0 ? [.. map.All] : [.. shardNames.Distinct(StringComparer.Ordinal).Select(map.Get)];
            var connection = settings.ConnectionStrings?.GetValueOrDefault("Jobs") is { Length: > 0 } configured ? configured
                : Environment.GetEnvironmentVariable(SharedJobStorage.PostgresVariable);
            if (string.IsNullOrEmpty(connection))
            {
                throw new InvalidOperationException($"cskpi serve needs the jobs' PostgreSQL: set ConnectionStrings:Jobs in {Path.GetFullPath(configPath)} "
                    + $"or {SharedJobStorage.PostgresVariable}; the site and every job server must name the same database.");
            }

            timeouts = JobTimeouts.From(settings.Jobs?.InvisibilitySeconds, settings.Jobs?.LockTimeoutSeconds);
            // This process is the server: Hangfire's process-wide settings are its own.
            GlobalConfiguration.Configuration.UseCsKpiSerialization().UseLogProvider(new ServeLog(stderr)).UseFilter(new JobLines(stderr));
            storage = SharedJobStorage.Postgres(connection, timeouts);
        }
        catch (Exception error) when (error is InvalidOperationException or IOException or UnauthorizedAccessException
            or System.Data.Common.DbException or System.Net.Sockets.SocketException)
        {
            stderr.WriteLine($"cskpi serve: {error.Message}");
            return Failed;
        }

        var options = new BackgroundJobServerOptions
        {
            ServerName = serverName ?? Environment.MachineName,
            Queues = [.. served.Select(s => s.Queue)],
            WorkerCount = workers ?? served.Count,
            Activator = new ShardActivator(map, storage, timeouts),
            // A stop waits this long for the running jobs to reach their safe point.
            ShutdownTimeout = TimeSpan.FromMinutes(1),
        };
        using (var server = new BackgroundJobServer(options, storage))
        {
            stderr.WriteLine($"cskpi serve: {options.ServerName} (pid {Environment.ProcessId}) serves {string.Join(", ", served.Select(s => $"{s.Name} ({s.Warehouse})"))} "
                + $"from queues {string.Join(", ", options.Queues)} with {options.WorkerCount} worker(s); invisibility timeout "
                + $"{timeouts.Invisibility.TotalSeconds:0} s, lock timeout {timeouts.LockTimeout.TotalSeconds:0} s. SIGTERM or Ctrl+C stops it.");
            if (ingestNow)
            {
                var client = new BackgroundJobClient(storage);
                foreach (var each in served)
                {
                    var shardName = each.Name;
                    var id = client.Enqueue<ShardJobs>(jobs => jobs.IngestInbox(shardName, CancellationToken.None));
                    stderr.WriteLine($"cskpi serve: queued job {id}, an ingest of shard {shardName}");
                }
            }

            stderr.Flush();
            stop.WaitHandle.WaitOne();
            stderr.WriteLine($"cskpi serve: {StopSignal ?? "stop"} received; stopping the running jobs at a safe point");
            server.SendStop();
        }

        stderr.WriteLine("cskpi serve: stopped");
        return Success;
    }

    /// <summary>Builds the shard jobs, the only jobs a headless server runs (the default queue's need the site).</summary>
    private sealed class ShardActivator(ShardMap map, JobStorage storage, JobTimeouts timeouts) : JobActivator
    {
        public override object ActivateJob(Type jobType) => jobType == typeof(ShardJobs)
            ? new ShardJobs(map, storage, new BackgroundJobClient(storage), timeouts)
            : throw new InvalidOperationException($"cskpi serve runs the shards' jobs only, not {jobType.Name}: those run in the site, which owns the one warehouse.");
    }

    /// <summary>One line on stderr per job done or failed, with what it returned: what an operator and the tests read.</summary>
    private sealed class JobLines(TextWriter stderr) : IServerFilter
    {
        public void OnPerforming(PerformingContext context)
        {
            Write($"job {context.BackgroundJob.Id} started: {Describe(context.BackgroundJob.Job)}");
        }

        public void OnPerformed(PerformedContext context)
        {
            Write(context.Exception is { } error && !context.ExceptionHandled
                ? $"job {context.BackgroundJob.Id} failed: {Describe(context.BackgroundJob.Job)}: {error.GetBaseException().Message}"
                : $"job {context.BackgroundJob.Id} done: {context.Result}");
        }

        private static string Describe(Job job) =>
            $"{job.Method.Name}({string.Join(", ", job.Args.Where(a => a is string).Select(a => a!.ToString()))})";

        private void Write(string line)
        {
            lock (stderr)
            {
                stderr.WriteLine($"{DateTime.UtcNow:HH:mm:ss} cskpi serve: {line}");
                stderr.Flush();
            }
        }
    }

    /// <summary>Hangfire's own log lines and the jobs' (each stage of an ingest), information and worse, on stderr.</summary>
    private sealed class ServeLog(TextWriter stderr) : ILogProvider
    {
        public ILog GetLogger(string name) => new Lines(stderr, name);

        private sealed class Lines(TextWriter stderr, string name) : ILog
        {
            public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
            {
                if (logLevel < Hangfire.Logging.LogLevel.Info)
                {
                    return false;
                }

                if (messageFunc is not null)
                {
                    lock (stderr)
                    {
                        stderr.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {logLevel} {name}: {messageFunc()}{(exception is null ? "" : " — " + exception.GetBaseException().Message)}");
                        stderr.Flush();
                    }
                }

                return true;
            }
        }
    }
}
