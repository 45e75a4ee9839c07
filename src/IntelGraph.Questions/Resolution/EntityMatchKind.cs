using System.Text.Json.Serialization;

namespace IntelGraph.Questions.Resolution;

/// <summary>How a name in a question matched an entity, from the surest to the least sure.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EntityMatchKind>))]
public enum EntityMatchKind
{
    /// <summary>The text is the entity's id.</summary>
    [JsonStringEnumMemberName("id")]
    Id,

    /// <summary>The text is the entity's label, character for character.</summary>
    [JsonStringEnumMemberName("label")]
    Label,

    /// <summary>The text is one of the entity's aliases, character for character.</summary>
    [JsonStringEnumMemberName("alias")]
    Alias,

    /// <summary>The text is the entity's label when case and runs of white space are ignored.</summary>
    [JsonStringEnumMemberName("label-ignoring-case")]
    LabelIgnoringCase,

    /// <summary>The text is one of the entity's aliases when case and runs of white space are ignored.</summary>
    [JsonStringEnumMemberName("alias-ignoring-case")]
    AliasIgnoringCase,

    /// <summary>The text is a few edits away from the entity's label.</summary>
    [JsonStringEnumMemberName("label-typo")]
    LabelTypo,

    /// <summary>The text is a few edits away from one of the entity's aliases.</summary>
    [JsonStringEnumMemberName("alias-typo")]
    AliasTypo,

    /// <summary>Not a match: a name that resembles the text, offered when nothing matched.</summary>
    [JsonStringEnumMemberName("suggestion")]
    Suggestion,
}

/// <summary>Whether a name in a question picked out one entity.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EntityResolutionStatus>))]
public enum EntityResolutionStatus
{
    /// <summary>Exactly one entity matched at the surest level that matched at all.</summary>
    [JsonStringEnumMemberName("resolved")]
    Resolved,

    /// <summary>Two or more entities matched equally well, so the question must name which one.</summary>
    [JsonStringEnumMemberName("ambiguous")]
    Ambiguous,

    /// <summary>No entity matched; the candidates are only names that resemble the text.</summary>
    [JsonStringEnumMemberName("not-found")]
    NotFound,
}
