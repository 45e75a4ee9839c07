namespace IntelGraph.Governance;

/// <summary>
/// A write freeze in force: writes are rejected and users see <paramref name="Banner"/>, except writes
/// made with a token issued to one of <paramref name="ExemptClients"/> (an empty list when none).
/// </summary>
/// <param name="ExemptClients">OAuth client ids, compared ordinally with the token's <c>azp</c> claim.</param>
public sealed record WriteFreeze(string Banner, DateTimeOffset FrozenAt, IReadOnlyList<string> ExemptClients)
{
    /// <summary>Returns true when writes made by <paramref name="clientId"/> proceed during this freeze.</summary>
    public bool Exempts(string? clientId) => clientId is not null && ExemptClients.Contains(clientId, StringComparer.Ordinal);
}
