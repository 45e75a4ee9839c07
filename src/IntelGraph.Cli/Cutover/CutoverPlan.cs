using System.Text.Json;
using System.Text.Json.Serialization;
using IntelGraph.Core;
using IntelGraph.Edge;

namespace IntelGraph.Cli.Cutover;

/// <summary>
/// The cutover plan: which deployment is left, which one takes over, how to reach them and the edge,
/// and how long to watch the new side before the move counts as settled. docs/cutover.md describes the file.
/// </summary>
/// <param name="Tenant">The tenant whose claims, cases, tasks and reports are carried across.</param>
/// <param name="Banner">The text users see while writes are frozen.</param>
/// <param name="Edge">The edge's admin address, where the switch is made.</param>
/// <param name="From">The deployment that serves now and is frozen.</param>
/// <param name="To">The deployment that serves after the switch.</param>
/// <param name="ClientsFile">The clients file; every client in it may write during the freeze, and the smoke gate signs them all in.</param>
/// <param name="Operator">The client of that file whose token the cutover's own calls use; it needs the admin and lead roles.</param>
/// <param name="RunFolder">Where the timeline, the backups, the delta and the smoke evidence go.</param>
/// <param name="Watch">The rollback rules checked after the switch, or null to stop after the unfreeze.</param>
internal sealed record CutoverPlan(
    string Path,
    TenantId Tenant,
    string Banner,
    Uri Edge,
    CutoverSide From,
    CutoverSide To,
    string ClientsFile,
    string Operator,
    string Realm,
    string RunFolder,
    RollbackWatch? Watch)
{
    public const string DefaultOperator = "intelgraph-api";

    public const string DefaultRunFolder = "cutover-run";

    private static readonly JsonSerializerOptions _reading = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <exception cref="InvalidInputException">The file is missing or invalid; the message names the file, line and field.</exception>
    public static async Task<CutoverPlan> ReadAsync(string path, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InvalidInputException($"{path}: the cutover plan does not exist.");
        }

        return Parse(text, path);
    }

    /// <param name="path">The file the text came from; relative paths in the plan are resolved against its folder.</param>
    /// <exception cref="InvalidInputException">The text is not a valid plan; the message names the file, line and field.</exception>
    public static CutoverPlan Parse(string text, string path)
    {
        var lines = JsonPropertyLines.Read(text);
        CheckFieldNames(text, new PlanProblems(path, lines));

        PlanFile? file;
        try
        {
            file = JsonSerializer.Deserialize<PlanFile>(text, _reading);
        }
        catch (JsonException ex)
        {
            var location = ex.LineNumber is { } line ? $"{path}:{line + 1}" : path;
            throw new InvalidInputException($"{location}: invalid cutover plan: {ex.Message}");
        }

        if (file is null)
        {
            throw new InvalidInputException($"{path}: the cutover plan is empty; expected a JSON object.");
        }

        var problems = new PlanProblems(path, lines);
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;

        if (!TenantId.TryParse(file.Tenant, out var tenant))
        {
            problems.Add("tenant", $"'{file.Tenant}' is not a tenant name; use 1 to 63 lower-case letters, digits, '-' or '_'.");
        }

        var banner = file.Banner?.Trim();
        if (string.IsNullOrEmpty(banner) || banner.Length > 500)
        {
            problems.Add("banner", "missing or longer than 500 characters; tell users why writes are paused.");
        }

        var edge = problems.Address("edge", file.Edge);
        var from = CutoverSide.Read(file.From, "from", folder, problems);
        var to = CutoverSide.Read(file.To, "to", folder, problems);
        if (from is not null && to is not null && from.Side == to.Side)
        {
            problems.Add("to", $"is the {to.Name} side, like from; the cutover moves traffic from one side to the other.");
        }

        if (string.IsNullOrWhiteSpace(file.Clients))
        {
            problems.Add("clients", "missing; name the clients file whose clients the cutover and its smoke gate use.");
        }

        var watch = file.Watch is null ? null : RollbackWatch.Read(file.Watch, problems);
        problems.ThrowIfAny();

        return new CutoverPlan(
            System.IO.Path.GetFullPath(path),
            tenant,
            banner!,
            edge!,
            from!,
            to!,
            System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, file.Clients!)),
            string.IsNullOrWhiteSpace(file.Operator) ? DefaultOperator : file.Operator.Trim(),
            string.IsNullOrWhiteSpace(file.Realm) ? IntelGraph.Release.Target.TargetClient.DefaultRealm : file.Realm.Trim(),
            System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, file.RunFolder ?? DefaultRunFolder)),
            watch);
    }

    /// <summary>
    /// Reports every member that the plan does not define, with the fields expected in its place. The
    /// deserialiser would stop at the first one and name a .NET type instead.
    /// </summary>
    private static void CheckFieldNames(string text, PlanProblems problems)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException)
        {
            // The deserialiser reports the syntax error with its line.
            return;
        }

        using (document)
        {
            CheckFieldNames(document.RootElement, typeof(PlanFile), prefix: string.Empty, topLevel: null, problems);
        }

        problems.ThrowIfAny();
    }

    private static void CheckFieldNames(JsonElement element, Type type, string prefix, string? topLevel, PlanProblems problems)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var known = type.GetProperties().ToDictionary(property => _reading.PropertyNamingPolicy!.ConvertName(property.Name), property => property.PropertyType, StringComparer.Ordinal);
        foreach (var member in element.EnumerateObject())
        {
            var field = prefix + member.Name;
            if (!known.TryGetValue(member.Name, out var memberType))
            {
                problems.Add(field, $"unknown field; expected one of {string.Join(", ", known.Keys)}.", lineOf: topLevel ?? member.Name);
            }
            else if (memberType == typeof(SideFile) || memberType == typeof(WatchFile))
            {
                CheckFieldNames(member.Value, memberType, field + ".", topLevel ?? member.Name, problems);
            }
        }
    }

    /// <summary>The file as written, before <see cref="Parse"/> checks every field.</summary>
    internal sealed record PlanFile(
        string? Tenant,
        string? Banner,
        string? Edge,
        SideFile? From,
        SideFile? To,
        string? Clients,
        string? Operator,
        string? Realm,
        string? RunFolder,
        WatchFile? Watch);

    internal sealed record SideFile(string? Side, string? Url, string? Store);

    internal sealed record WatchFile(
        double? WindowSeconds,
        double? IntervalSeconds,
        double? MaxP95Ms,
        double? MaxPolicyDeniedPercent,
        double? MaxCostPerInsight,
        double? PricePerCpuSecond);
}

/// <summary>One deployment in the plan: its colour at the edge, its own address and its store, which the final backup copies.</summary>
/// <param name="Store">The store as <c>--db</c> takes it: a SQLite file or a PostgreSQL connection string.</param>
internal sealed record CutoverSide(EdgeSide Side, Uri Url, string Store)
{
    public string Name => Side == EdgeSide.Blue ? "blue" : "green";

    internal static CutoverSide? Read(CutoverPlan.SideFile? file, string field, string folder, PlanProblems problems)
    {
        if (file is null)
        {
            problems.Add(field, "missing; expected {\"side\": \"blue\"|\"green\", \"url\": …, \"store\": …}.");
            return null;
        }

        EdgeSide? side = file.Side switch
        {
            "blue" => EdgeSide.Blue,
            "green" => EdgeSide.Green,
            _ => null,
        };
        if (side is null)
        {
            problems.Add(field + ".side", $"'{file.Side}' is not blue or green.");
        }

        var url = problems.Address(field + ".url", file.Url, lineOf: field);
        if (string.IsNullOrWhiteSpace(file.Store))
        {
            problems.Add(field + ".store", "missing; the final backup needs the side's store (a SQLite file or a postgres:// connection string).", lineOf: field);
        }

        if (side is null || url is null || string.IsNullOrWhiteSpace(file.Store))
        {
            return null;
        }

        // A SQLite file is relative to the plan; a connection string is kept as written.
        var store = file.Store.Contains("://", StringComparison.Ordinal) || file.Store.Contains('=', StringComparison.Ordinal)
            ? file.Store
            : System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, file.Store));
        return new CutoverSide(side.Value, url, store);
    }
}

/// <summary>
/// The playbook's rollback rules: for <see cref="Window"/> after the unfreeze the new side's metrics are
/// read every <see cref="Interval"/>, and a reading above a threshold moves the traffic back.
/// </summary>
/// <param name="MaxP95Milliseconds">The highest p95 of all requests' latency over the last interval.</param>
/// <param name="MaxPolicyDeniedPercent">The highest share of policy decisions that denied.</param>
/// <param name="MaxCostPerInsight">The highest CPU cost per successful graph read (docs/cost-per-insight.md).</param>
internal sealed record RollbackWatch(
    TimeSpan Window,
    TimeSpan Interval,
    double? MaxP95Milliseconds,
    double? MaxPolicyDeniedPercent,
    double? MaxCostPerInsight,
    double PricePerCpuSecond)
{
    public const double DefaultPricePerCpuSecond = 0.000012;

    internal static RollbackWatch? Read(CutoverPlan.WatchFile file, PlanProblems problems)
    {
        var ok = true;
        void Positive(string name, double? value, bool required)
        {
            if ((value is null && required) || value is <= 0 || (value is { } number && !double.IsFinite(number)))
            {
                problems.Add("watch." + name, $"{(value is null ? "missing" : $"invalid value {value}")}; expected a positive number.", lineOf: "watch");
                ok = false;
            }
        }

        Positive("windowSeconds", file.WindowSeconds, required: true);
        Positive("intervalSeconds", file.IntervalSeconds, required: true);
        Positive("maxP95Ms", file.MaxP95Ms, required: false);
        Positive("maxPolicyDeniedPercent", file.MaxPolicyDeniedPercent, required: false);
        Positive("maxCostPerInsight", file.MaxCostPerInsight, required: false);
        Positive("pricePerCpuSecond", file.PricePerCpuSecond, required: false);
        if (file.MaxP95Ms is null && file.MaxPolicyDeniedPercent is null && file.MaxCostPerInsight is null)
        {
            problems.Add("watch", "has no threshold; give at least one of maxP95Ms, maxPolicyDeniedPercent and maxCostPerInsight.");
            ok = false;
        }

        if (ok && file.IntervalSeconds > file.WindowSeconds)
        {
            problems.Add("watch.intervalSeconds", "is longer than windowSeconds; the window would end before the first reading.", lineOf: "watch");
            ok = false;
        }

        return ok
            ? new RollbackWatch(
                TimeSpan.FromSeconds(file.WindowSeconds!.Value),
                TimeSpan.FromSeconds(file.IntervalSeconds!.Value),
                file.MaxP95Ms,
                file.MaxPolicyDeniedPercent,
                file.MaxCostPerInsight,
                file.PricePerCpuSecond ?? DefaultPricePerCpuSecond)
            : null;
    }
}

/// <summary>Collects what is wrong with a plan, each with its file and line, and reports them all at once.</summary>
internal sealed class PlanProblems(string path, IReadOnlyDictionary<string, long> lines)
{
    private readonly List<string> _problems = [];

    /// <param name="lineOf">The top-level property whose line locates the problem, when it is not <paramref name="field"/> itself.</param>
    public void Add(string field, string message, string? lineOf = null) =>
        _problems.Add(lines.TryGetValue(lineOf ?? field, out var line) ? $"{path}:{line}: {field}: {message}" : $"{path}: {field}: {message}");

    public Uri? Address(string field, string? value, string? lineOf = null)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri;
        }

        Add(field, value is null ? "missing; expected an http or https URL." : $"'{value}' is not an absolute http or https URL.", lineOf);
        return null;
    }

    /// <exception cref="InvalidInputException">At least one problem was found.</exception>
    public void ThrowIfAny()
    {
        if (_problems.Count > 0)
        {
            throw new InvalidInputException($"invalid cutover plan:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", _problems));
        }
    }
}
