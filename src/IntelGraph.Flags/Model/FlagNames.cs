namespace IntelGraph.Flags.Model;

/// <summary>The feature flags IntelGraph defines. A flags file may declare these names only, and must declare all of them.</summary>
public static class FlagNames
{
    public const string EnableXai = "enableXAI";
    public const string EnableFederation = "enableFederation";
    public const string EnableWallets = "enableWallets";
    public const string EnableOffline = "enableOffline";
    public const string StrictOpa = "strictOPA";
    public const string ProdMode = "prodMode";

    /// <summary>Every flag, in the order that files, renders and <c>GET /flags</c> list them.</summary>
    public static IReadOnlyList<string> All { get; } = [EnableXai, EnableFederation, EnableWallets, EnableOffline, StrictOpa, ProdMode];

    public static bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);
}

/// <summary>The deployment environments a flags file may configure, in promotion order.</summary>
public static class FlagEnvironments
{
    public const string Dev = "dev";
    public const string Stage = "stage";
    public const string Prod = "prod";

    public static IReadOnlyList<string> All { get; } = [Dev, Stage, Prod];

    public static bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);
}
