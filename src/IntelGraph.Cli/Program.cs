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
return await IntelGraphCommandLine.InvokeAsync(args, environment);
