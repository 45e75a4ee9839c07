namespace IntelGraph.Release.Tools;

/// <summary>Reads what the gates need from the git working tree: the commit and the tracked files.</summary>
public static class GitRepository
{
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(30);

    /// <summary>Returns the commit of HEAD, with <c>+modified</c> when tracked files differ from it, or null outside a git working tree.</summary>
    public static async Task<string?> ReadCommitAsync(string folder, CancellationToken cancellationToken)
    {
        try
        {
            var head = await ExternalCommand.RunAsync("git", ["rev-parse", "HEAD"], folder, _timeout, cancellationToken).ConfigureAwait(false);
            if (!head.Succeeded)
            {
                return null;
            }

            var status = await ExternalCommand.RunAsync("git", ["status", "--porcelain", "--untracked-files=no"], folder, _timeout, cancellationToken)
                .ConfigureAwait(false);
            var commit = head.Output.Trim();
            return status.Succeeded && status.Output.Trim().Length > 0 ? commit + "+modified" : commit;
        }
        catch (IOException)
        {
            // git is not installed: the evidence records the commit as unknown rather than failing the gate.
            return null;
        }
    }

    /// <summary>Returns the root folder of the working tree that contains <paramref name="folder"/>.</summary>
    /// <exception cref="IOException">git failed or the folder is not in a git working tree.</exception>
    public static async Task<string> ReadRootAsync(string folder, CancellationToken cancellationToken)
    {
        var result = await ExternalCommand.RunAsync("git", ["rev-parse", "--show-toplevel"], folder, _timeout, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new IOException($"{folder} is not in a git working tree: {result.Tail()}. Give the repository with --repo.");
        }

        return result.Output.Trim();
    }

    /// <summary>
    /// Lists the tracked files of the whole working tree that contains <paramref name="folder"/>, as paths
    /// relative to its root with forward slashes, so they match the paths in the release policy.
    /// </summary>
    /// <exception cref="IOException">git failed or the folder is not in a git working tree.</exception>
    public static async Task<IReadOnlyList<string>> ListTrackedFilesAsync(string folder, CancellationToken cancellationToken)
    {
        var result = await ExternalCommand.RunAsync("git", ["ls-files", "-z", "--full-name", ":/"], folder, _timeout, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new IOException($"git ls-files failed in {folder}: {result.Tail()}. Run the gate inside the repository's working tree.");
        }

        return result.Output.Split('\0', StringSplitOptions.RemoveEmptyEntries).Select(path => path.Trim('\n')).Where(path => path.Length > 0).ToList();
    }
}
