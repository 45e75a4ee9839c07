using System.Runtime.InteropServices;
using IntelGraph.Cli;
using Microsoft.Extensions.Logging;

using var loggerFactory = LoggerFactory.Create(logging =>
{
    // Logs go to standard error so that --json output on standard output stays parseable.
    logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
    logging.AddSimpleConsole(options => options.SingleLine = true);
    logging.SetMinimumLevel(LogLevel.Warning);
});

var environment = CliEnvironment.FromConsole(loggerFactory);

// Ctrl+C and SIGTERM cancel the running command instead of ending the process, so it stops at a
// clean point and exits 130 or 143; the store keeps what was committed and a re-run resumes.
using var cancellation = new CancellationTokenSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Cancel(context, terminate: false));
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Cancel(context, terminate: true));

return await IntelGraphCommandLine.InvokeAsync(args, environment, cancellation.Token);

void Cancel(PosixSignalContext context, bool terminate)
{
    context.Cancel = true;
    environment.TerminationRequested |= terminate;
    cancellation.Cancel();
}
