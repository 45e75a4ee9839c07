using IntelGraph.Migration.Importing;
using Spectre.Console;

namespace IntelGraph.Cli.Output;

/// <summary>
/// Shows import progress: bars on a terminal, one plain line per finished table when output is
/// redirected, nothing at all with <c>--json</c>, so that standard output stays parseable.
/// </summary>
internal static class ImportProgressOutput
{
    public static async Task<T> RunAsync<T>(CliEnvironment environment, bool json, Func<IProgress<ImportProgress>?, Task<T>> work)
    {
        if (json)
        {
            return await work(null);
        }

        if (!environment.IsInteractive)
        {
            return await work(new PlainLines(environment.Error));
        }

        T result = default!;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context => result = await work(new Bars(context)));
        return result;
    }

    private sealed class PlainLines(TextWriter writer) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value)
        {
            if (value.Finished)
            {
                writer.WriteLine($"{value.Part} {value.Table}: {value.Processed} records read");
            }
            else if (value.Processed > 0 && value.Processed % 100_000 == 0)
            {
                writer.WriteLine($"{value.Part} {value.Table}: {value.Processed} of {value.Expected?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}");
            }
        }
    }

    private sealed class Bars(ProgressContext context) : IProgress<ImportProgress>
    {
        private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);

        public void Report(ImportProgress value)
        {
            var key = $"{value.Part} {value.Table}";
            if (!_tasks.TryGetValue(key, out var task))
            {
                task = context.AddTask(Markup.Escape(key), maxValue: Math.Max(1, value.Expected ?? 1));
                _tasks.Add(key, task);
            }

            if (value.Processed > task.MaxValue)
            {
                task.MaxValue = value.Processed;
            }

            task.Value = value.Processed;
        }
    }
}
