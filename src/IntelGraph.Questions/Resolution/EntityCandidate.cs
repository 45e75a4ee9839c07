namespace IntelGraph.Questions.Resolution;

/// <summary>An entity that a name in a question may stand for, and how close the name came.</summary>
/// <param name="MatchedName">The label or alias that the name matched.</param>
/// <param name="Score">How sure the match is, from 0 to 1: 1 for an id, label or alias ignoring case, else 1 minus the edits over the longer name's length.</param>
/// <param name="Edits">The optimal string alignment distance between the name and <paramref name="MatchedName"/>, ignoring case: insertions, deletions, substitutions and swaps of adjacent characters.</param>
public sealed record EntityCandidate(string Id, string Label, string Type, EntityMatchKind MatchedBy, string MatchedName, double Score, int Edits);

/// <summary>What a name in a question resolved to.</summary>
/// <param name="Text">The name as the question wrote it, without surrounding quotes.</param>
/// <param name="Entity">The entity, when <see cref="Status"/> is resolved.</param>
/// <param name="Candidates">The equally close entities when ambiguous, or the names that resemble the text when not found; empty when resolved.</param>
public sealed record EntityResolution(string Text, EntityResolutionStatus Status, EntityCandidate? Entity, IReadOnlyList<EntityCandidate> Candidates);
