using IntelGraph.Core;
using Microsoft.Data.Sqlite;

namespace IntelGraph.Cli;

/// <summary>
/// Runs a command's body and turns the errors IntelGraph raises on purpose into one line on
/// standard error and a meaningful exit code. Anything else is a defect and keeps its stack trace.
/// </summary>
internal static class CommandRunner
{
    /// <summary>The message of commands whose every write is idempotent, so a re-run picks up where the interrupted one stopped.</summary>
    public const string ResumableMessage = "Interrupted; the work committed so far is kept, and running the same command again resumes it.";

    public static async Task<int> RunAsync(CliEnvironment environment, Func<Task<int>> body, CancellationToken cancellationToken) =>
        await RunAsync(environment, body, "Interrupted.", cancellationToken);

    /// <param name="interruptedMessage">What an interrupted run leaves behind and what to do about it.</param>
    public static async Task<int> RunAsync(CliEnvironment environment, Func<Task<int>> body, string interruptedMessage, CancellationToken cancellationToken)
    {
        try
        {
            return await body();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await environment.Error.WriteLineAsync(interruptedMessage);
            return environment.TerminationRequested ? ExitCodes.Terminated : ExitCodes.Interrupted;
        }
        catch (IntegrityException ex)
        {
            await environment.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.VerificationFailed;
        }
        catch (IntelGraphException ex)
        {
            await environment.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (SqliteException ex)
        {
            await environment.Error.WriteLineAsync($"error: the database rejected the operation: {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (Npgsql.NpgsqlException ex)
        {
            // Connection loss mid-command lands here: committed batches stay, and a re-run picks up where this one stopped.
            await environment.Error.WriteLineAsync(
                $"error: the PostgreSQL store failed: {ex.Message}. Check that the server is running, then run the same command again; nothing committed is lost or repeated.");
            return ExitCodes.Failure;
        }
        catch (IOException ex)
        {
            await environment.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (UnauthorizedAccessException ex)
        {
            await environment.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.Failure;
        }
    }
}
