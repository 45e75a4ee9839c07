namespace IntelGraph.Cli.Cutover;

/// <summary>
/// The lock that lets one cutover at a time use a run folder, because two runs of one timeline would
/// interleave their steps. The operating system releases it when the process ends, even on SIGKILL, so a
/// killed run still resumes.
/// </summary>
internal static class RunFolderLock
{
    public const string FileName = "cutover.lock";

    /// <exception cref="CutoverException">Another process holds the lock of this run folder.</exception>
    public static FileStream Acquire(string runFolder)
    {
        Directory.CreateDirectory(runFolder);
        var path = Path.Combine(runFolder, FileName);
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new CutoverException(
                $"Another cutover is running in {runFolder} ({path} is locked); wait for it to end, then run the same command again to see its outcome.");
        }
    }
}
