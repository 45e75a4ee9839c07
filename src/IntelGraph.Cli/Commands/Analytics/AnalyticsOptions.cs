using System.CommandLine;
using System.Globalization;
using IntelGraph.Analytics;
using IntelGraph.Analytics.Algorithms;
using IntelGraph.Analytics.Graph;

namespace IntelGraph.Cli.Commands.Analytics;

/// <summary>The options of one <c>intelgraph analytics</c> subcommand: the shared ones and those its analysis reads.</summary>
internal sealed class AnalyticsOptions
{
    private readonly AnalysisKind _kind;

    public AnalyticsOptions(AnalysisKind kind)
    {
        _kind = kind;
        List<Option> all = [Tenant, Database, Limit, Json, Explain, WithoutEdge];
        switch (kind)
        {
            case AnalysisKind.PageRank:
                all.AddRange([Node, Damping]);
                break;
            case AnalysisKind.Degree:
                all.AddRange([Node, Order]);
                break;
            case AnalysisKind.Betweenness:
                all.AddRange([Node, Direction, Sample, Seed]);
                break;
            case AnalysisKind.Communities:
                all.Add(Node);
                break;
            case AnalysisKind.Path:
                From.Required = true;
                To.Required = true;
                all.AddRange([From, To, Direction]);
                break;
            case AnalysisKind.KHop:
                Node.Required = true;
                all.AddRange([Node, Depth, Direction]);
                break;
            default:
                all.Add(MinShared);
                break;
        }

        All = all;
    }

    public IReadOnlyList<Option> All { get; }

    public Option<string> Tenant { get; } = CommonOptions.Tenant();

    public Option<string?> Database { get; } = CommonOptions.Database();

    public Option<bool> Json { get; } = CommonOptions.Json();

    public Option<long?> Limit { get; } = CommonOptions.WholeNumber("--limit", $"Results to list: ranked entities, communities, neighbourhood entities or pattern matches (default {AnalyticsRequest.DefaultLimit}, at most {AnalyticsRequest.MaxLimit}).");

    public Option<bool> Explain { get; } = new("--explain")
    {
        Description = "Add an explanation: the neighbours and paths behind a score, or the ledger claims (with sources and manifest proofs) behind each edge of a path or match.",
    };

    public Option<string?> WithoutEdge { get; } = new("--without-edge")
    {
        Description = "Also rerun the analysis without the edge with this id and show what changes.",
    };

    public Option<string?> Node { get; } = new("--node")
    {
        Description = "The entity id to explain, or where a k-hop search starts.",
    };

    public Option<string?> From { get; } = new("--from") { Description = "The entity id where the path starts." };

    public Option<string?> To { get; } = new("--to") { Description = "The entity id where the path ends." };

    public Option<long?> Depth { get; } = CommonOptions.WholeNumber("--depth", $"The maximum number of edges from --node (default {AnalyticsRequest.DefaultDepth}, at most {KHopNeighbourhood.MaxDepth}).");

    public Option<string> Direction { get; } = Choice("--direction", "Which edges a walk follows: any (either way) or out (only along their direction).", "any", "out");

    public Option<long?> Sample { get; } = CommonOptions.WholeNumber("--sample", "Estimate betweenness from this many source entities instead of all of them.");

    public Option<long?> Seed { get; } = CommonOptions.WholeNumber("--seed", $"The seed that picks the sampled sources (default {BetweennessCentrality.DefaultSeed}).", minimum: 0);

    public Option<string?> Damping { get; } = new("--damping") { Description = $"The PageRank damping factor, from 0 up to 1 (default {PageRank.DefaultDamping})." };

    public Option<string> Order { get; } = Choice("--order", "The degree that orders the ranking: total, in or out.", "total", "in", "out");

    public Option<long?> MinShared { get; } = CommonOptions.WholeNumber("--min-shared", "The fewest shared techniques or targets a pair needs to be listed (default 1).");

    /// <exception cref="AnalyticsInputException">A number is out of its range; the runner checks the rest.</exception>
    public AnalyticsRequest ToRequest(ParseResult parse, string? pattern)
    {
        return new AnalyticsRequest(_kind)
        {
            Limit = ToInt(parse.GetValue(Limit), "--limit") ?? AnalyticsRequest.DefaultLimit,
            Explain = parse.GetValue(Explain),
            WithoutEdge = parse.GetValue(WithoutEdge),
            Node = parse.GetValue(Node),
            From = parse.GetValue(From),
            To = parse.GetValue(To),
            Depth = ToInt(parse.GetValue(Depth), "--depth") ?? AnalyticsRequest.DefaultDepth,
            Direction = parse.GetValue(Direction) == "out" ? EdgeDirection.Outgoing : EdgeDirection.Any,
            Sample = ToInt(parse.GetValue(Sample), "--sample"),
            Seed = ToInt(parse.GetValue(Seed), "--seed") ?? BetweennessCentrality.DefaultSeed,
            Damping = parse.GetValue(Damping) is { } damping ? ParseDamping(damping) : PageRank.DefaultDamping,
            Order = Enum.Parse<DegreeOrder>(parse.GetValue(Order) ?? "total", ignoreCase: true),
            Pattern = pattern switch
            {
                "common-targets" => PatternKind.CommonTargets,
                "triangles" => PatternKind.Triangles,
                _ => PatternKind.SharedTechniques,
            },
            MinShared = ToInt(parse.GetValue(MinShared), "--min-shared") ?? 1,
        };
    }

    private static Option<string> Choice(string name, string description, params string[] values)
    {
        var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => values[0] };
        option.AcceptOnlyFromAmong(values);
        return option;
    }

    private static int? ToInt(long? value, string name) =>
        value is > int.MaxValue
            ? throw new AnalyticsInputException(name, $"Invalid value {value} for {name}: expected at most {int.MaxValue}.")
            : (int?)value;

    private static double ParseDamping(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new AnalyticsInputException("--damping", $"Invalid value '{text}' for --damping: expected a number such as 0.85.");
}
