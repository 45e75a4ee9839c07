using IntelGraph.Release.Evidence;
using IntelGraph.Release.Target;

namespace IntelGraph.Release.Gates;

/// <summary>What every gate run gets: the target and its clients, the matrix, the clock, where to put files, and progress.</summary>
/// <param name="Target">The server under test; null for the security gate, which reads only the repository.</param>
/// <param name="Credentials">The clients whose tokens the gate mints; secrets are read when a token is minted.</param>
/// <param name="ArtifactsFolder">The folder beside the evidence file for what a check produces, such as a manifest export or an SBOM.</param>
/// <param name="RepositoryFolder">The repository's working tree, for the SBOM, the audit and the secret scan.</param>
public sealed record GateContext(
    TargetClient? Target,
    IReadOnlyList<ClientCredential> Credentials,
    AccessPolicy Policy,
    string ArtifactsFolder,
    string RepositoryFolder,
    TimeProvider TimeProvider,
    IGateProgress Progress)
{
    public TargetClient RequireTarget() => Target ?? throw new InvalidOperationException("This gate needs a target URL.");
}

/// <summary>Signs every configured client in once and keeps the callers, with the reasons of those that failed.</summary>
internal sealed class CallerSet
{
    private CallerSet(IReadOnlyList<TargetCaller> callers, IReadOnlyList<string> failures)
    {
        Callers = callers;
        Failures = failures;
    }

    public IReadOnlyList<TargetCaller> Callers { get; }

    public IReadOnlyList<string> Failures { get; }

    public static async Task<CallerSet> SignInAsync(GateContext context, CancellationToken cancellationToken)
    {
        var callers = new List<TargetCaller>();
        var failures = new List<string>();
        foreach (var credential in context.Credentials)
        {
            TargetCaller? caller;
            string? error;
            try
            {
                (caller, error) = await context.RequireTarget().SignInAsync(credential, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                (caller, error) = (null, $"the token request of client {credential.ClientId} failed: {ex.Message}");
            }

            if (caller is not null)
            {
                callers.Add(caller);
            }
            else
            {
                failures.Add(error!);
            }
        }

        return new CallerSet(callers, failures);
    }

    public string Describe() =>
        Callers.Count == 0
            ? "no client signed in"
            : string.Join("; ", Callers.Select(caller => $"{caller.ClientId} (tenant {caller.Tenant ?? "none"}, roles {string.Join(",", caller.Roles.Order(StringComparer.Ordinal))})"));
}
