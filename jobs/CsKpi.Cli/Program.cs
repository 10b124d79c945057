using System.Runtime.InteropServices;
using CsKpi.Cli;

// SIGTERM and Ctrl+C (SIGINT, SIGQUIT) stop the work at a safe point instead of killing the process mid-write: the
// running recompute or snapshot is interrupted and rolled back, an ingest stops before its next file. A second
// signal ends the process at once, which is safe too (what was not committed is not in the file).
using var stop = new CancellationTokenSource();
void Stop(PosixSignalContext context)
{
    if (stop.IsCancellationRequested)
    {
        return;
    }

    context.Cancel = true;
    CommandLine.StopSignal = context.Signal.ToString();
    Console.Error.WriteLine($"cskpi: {context.Signal} received; stopping at a safe point (send it again to stop at once)");
    stop.Cancel();
}

using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Stop);
return CommandLine.Run(args, Console.Out, Console.Error, stop.Token);
