using System.Globalization;
using PrometheusText = IntelGraph.Release.Metrics.PrometheusText;

namespace IntelGraph.Cli.Rollout;

/// <summary>
/// The samples of a Prometheus text exposition (format 0.0.4), as the server's <c>GET /metrics</c>
/// writes them: <c>name{label="value",…} value [timestamp]</c>, one per line.
/// </summary>
internal sealed class MetricsExposition
{
    private readonly List<MetricSample> _samples;

    private MetricsExposition(List<MetricSample> samples) => _samples = samples;

    public IReadOnlyList<MetricSample> Samples => _samples;

    /// <exception cref="FormatException">A sample line is not in the text format. The message names the line.</exception>
    public static MetricsExposition Parse(string text)
    {
        var samples = new List<MetricSample>();
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            samples.Add(ParseSample(line) ?? throw new FormatException($"line {index + 1} is not a Prometheus sample: '{line}'."));
        }

        return new MetricsExposition(samples);
    }

    /// <summary>Returns the sum of every sample of <paramref name="name"/> whose labels include the given pair, or every sample when no pair is given.</summary>
    public double Sum(string name, string? label = null, string? value = null) =>
        _samples.Where(sample => sample.Name == name && (label is null || sample.Label(label) == value)).Sum(sample => sample.Value);

    /// <summary>Returns the samples of <paramref name="name"/> summed by the value of <paramref name="label"/>.</summary>
    public Dictionary<string, double> SumBy(string name, string label)
    {
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var sample in _samples.Where(sample => sample.Name == name))
        {
            var key = sample.Label(label) ?? string.Empty;
            sums[key] = sums.GetValueOrDefault(key) + sample.Value;
        }

        return sums;
    }

    private static MetricSample? ParseSample(string line)
    {
        var nameEnd = line.IndexOfAny(['{', ' ']);
        if (nameEnd <= 0)
        {
            return null;
        }

        var name = line[..nameEnd];
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var position = nameEnd;
        if (line[position] == '{')
        {
            position = ParseLabels(line, position + 1, labels);
            if (position < 0)
            {
                return null;
            }
        }

        // The value follows, then an optional timestamp that a rollout does not need.
        var fields = line[position..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is 0 or > 2 || !PrometheusText.TryParseValue(fields[0], out var value))
        {
            return null;
        }

        return new MetricSample(name, labels, value);
    }

    /// <summary>Reads <c>label="value",…}</c> from <paramref name="start"/> and returns the position after the closing brace, or -1 when the text is invalid.</summary>
    private static int ParseLabels(string line, int start, Dictionary<string, string> labels)
    {
        var position = start;
        while (position < line.Length && line[position] != '}')
        {
            var equals = line.IndexOf('=', position);
            if (equals < 0 || equals + 1 >= line.Length || line[equals + 1] != '"')
            {
                return -1;
            }

            var label = line[position..equals].Trim();
            var value = new System.Text.StringBuilder();
            position = equals + 2;
            while (position < line.Length && line[position] != '"')
            {
                // The format escapes backslash, double quote and line feed inside label values.
                if (line[position] == '\\' && position + 1 < line.Length)
                {
                    position++;
                    value.Append(line[position] == 'n' ? '\n' : line[position]);
                }
                else
                {
                    value.Append(line[position]);
                }

                position++;
            }

            if (position >= line.Length)
            {
                return -1;
            }

            labels[label] = value.ToString();
            position++;
            if (position < line.Length && line[position] == ',')
            {
                position++;
            }
        }

        return position < line.Length ? position + 1 : -1;
    }
}

/// <summary>One sample of a <see cref="MetricsExposition"/>.</summary>
internal sealed record MetricSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public string? Label(string name) => Labels.GetValueOrDefault(name);
}
