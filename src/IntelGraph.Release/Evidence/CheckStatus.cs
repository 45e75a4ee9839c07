using System.Text.Json.Serialization;

namespace IntelGraph.Release.Evidence;

/// <summary>The outcome of one check in a gate's evidence.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CheckStatus>))]
public enum CheckStatus
{
    [JsonStringEnumMemberName("pass")]
    Pass,

    [JsonStringEnumMemberName("fail")]
    Fail,

    /// <summary>The target or this machine does not offer what the check needs; the detail says why. Never counted as passed.</summary>
    [JsonStringEnumMemberName("not-available")]
    NotAvailable,
}

/// <summary>The outcome of a whole gate.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GateStatus>))]
public enum GateStatus
{
    [JsonStringEnumMemberName("pass")]
    Pass,

    [JsonStringEnumMemberName("fail")]
    Fail,
}
