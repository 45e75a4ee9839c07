namespace IntelGraph.Migration.Sample;

/// <summary>
/// An entity as claims, edges and cases refer to it. The label is not stored: it is derived from
/// <see cref="NameSeed"/> whenever it is needed, so a million-claim export keeps only ids in memory.
/// </summary>
/// <param name="MessyLabel">Whether the label contains a comma, a double quote or a line break.</param>
internal readonly record struct SampleEntityRef(Guid Id, SampleEntityKind Kind, int NameSeed, bool MessyLabel)
{
    /// <summary>The STIX-style id, for example <c>malware--0b3c…</c>.</summary>
    public string StixId => SampleRandom.PrefixedUuid(Kind.IdPrefix(), Id);

    public string Label => SampleVocabulary.Label(Kind, NameSeed, MessyLabel);
}
