namespace IntelGraph.Governance.Storage;

/// <summary>The deployment's write freeze, shared by every process that opens the same store.</summary>
public interface IWriteFreezeStore
{
    /// <summary>Returns the freeze in force, or null when writes are allowed.</summary>
    Task<WriteFreeze?> FindAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Starts a freeze, or replaces the banner and the exempt clients of the one in force, keeping its
    /// start time. Callers check <paramref name="exemptClients"/> with <see cref="FreezeExemptions.Validate"/> first.
    /// </summary>
    Task<WriteFreeze> FreezeAsync(string banner, IReadOnlyList<string> exemptClients, CancellationToken cancellationToken);

    /// <summary>Ends the freeze. Returns the freeze that was in force, or null when there was none.</summary>
    Task<WriteFreeze?> UnfreezeAsync(CancellationToken cancellationToken);
}
