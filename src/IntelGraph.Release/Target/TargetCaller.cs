namespace IntelGraph.Release.Target;

/// <summary>A client with a token minted by the target, and the tenant and roles the target read from it (<c>GET /me</c>).</summary>
public sealed record TargetCaller(string ClientId, string Token, string? Tenant, IReadOnlySet<string> Roles)
{
    public bool HasAnyRole(IEnumerable<string> roles) => roles.Any(Roles.Contains);
}

/// <summary>A response read in full: the status code and the body text.</summary>
public sealed record TargetResponse(int Status, string Body, string? ContentType)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>Returns the body shortened for a message.</summary>
    public string Excerpt(int length = 300) => Body.Length <= length ? Body : Body[..length] + "…";
}
