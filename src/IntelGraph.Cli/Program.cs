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

// System.CommandLine cancels the command's token on both SIGINT and SIGTERM; this tells them apart for the exit code.
using var termination = System.Runtime.InteropServices.PosixSignalRegistration.Create(
    System.Runtime.InteropServices.PosixSignal.SIGTERM, _ => environment.TerminationRequested = true);
return await IntelGraphCommandLine.InvokeAsync(args, environment);
