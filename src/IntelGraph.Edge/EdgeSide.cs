using System.Text.Json.Serialization;

namespace IntelGraph.Edge;

/// <summary>One of the two server deployments behind the edge, written in JSON as <c>blue</c> or <c>green</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EdgeSide>))]
public enum EdgeSide
{
    [JsonStringEnumMemberName("blue")]
    Blue,

    [JsonStringEnumMemberName("green")]
    Green,
}

public static class EdgeSides
{
    public static EdgeSide Other(this EdgeSide side) => side == EdgeSide.Blue ? EdgeSide.Green : EdgeSide.Blue;

    /// <summary>Returns the lowercase name used in files, URLs and messages: <c>blue</c> or <c>green</c>.</summary>
    public static string Name(this EdgeSide side) => side == EdgeSide.Blue ? "blue" : "green";

    public static bool TryParse(string? text, out EdgeSide side)
    {
        switch (text)
        {
            case "blue":
                side = EdgeSide.Blue;
                return true;
            case "green":
                side = EdgeSide.Green;
                return true;
            default:
                side = default;
                return false;
        }
    }
}
