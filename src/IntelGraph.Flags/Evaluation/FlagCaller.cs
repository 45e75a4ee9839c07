namespace IntelGraph.Flags.Evaluation;

/// <summary>Who flags are evaluated for: the token's tenant, subject and group claims.</summary>
/// <param name="Tenant">The caller's tenant, or null for a token without one; tenant targeting then never matches.</param>
/// <param name="UserId">The stable user id that percentage rollouts hash, normally the token's <c>sub</c>.</param>
/// <param name="Groups">The token's <c>groups</c> claim values, as issued (Keycloak's full paths such as <c>/internal</c> included).</param>
public sealed record FlagCaller(string? Tenant, string UserId, IReadOnlyList<string> Groups);
