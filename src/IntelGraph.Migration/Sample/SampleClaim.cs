namespace IntelGraph.Migration.Sample;

/// <summary>The relationship types of the sample graph, written as edge types and claim predicates.</summary>
internal static class SamplePredicates
{
    public const string Uses = "uses";
    public const string Targets = "targets";
    public const string Mitigates = "mitigates";
    public const string AttributedTo = "attributed-to";
}

/// <summary>
/// One claim of the old ledger, which states one graph edge. The claim id, the edge id and (for
/// <c>uses</c> edges that become tasks) the task id share one UUID, as in the pilot's export.
/// </summary>
/// <remarks>
/// The id and time strings are formatted once, when the claim is made, because the claim, its copies
/// and its edge all write them. Members derived from another one can only change together, through
/// <see cref="WithUuid"/> and <see cref="WithModifiedAt"/>.
/// </remarks>
internal sealed record SampleClaim
{
    public SampleClaim(
        Guid uuid,
        SampleEntityRef subject,
        string predicate,
        SampleEntityRef @object,
        string statement,
        SampleSource[] sources,
        long createdAtTicks,
        long modifiedAtTicks,
        int unknownMembers)
    {
        Uuid = uuid;
        Id = SampleRandom.PrefixedUuid("clm-", uuid);
        EdgeId = SampleRandom.PrefixedUuid("relationship--", uuid);
        Subject = subject;
        SubjectId = subject.StixId;
        Predicate = predicate;
        Object = @object;
        ObjectId = @object.StixId;
        Statement = statement;
        Sources = sources;
        CreatedAtTicks = createdAtTicks;
        CreatedAt = SampleRandom.FormatTimestamp(createdAtTicks);
        ModifiedAtTicks = modifiedAtTicks;
        ModifiedAt = SampleRandom.FormatTimestamp(modifiedAtTicks);
        UnknownMembers = unknownMembers;
    }

    public Guid Uuid { get; private init; }

    public string Id { get; private init; }

    public string EdgeId { get; private init; }

    public SampleEntityRef Subject { get; }

    public string SubjectId { get; }

    public string Predicate { get; }

    public SampleEntityRef Object { get; }

    public string ObjectId { get; }

    public string Statement { get; init; }

    public SampleSource[] Sources { get; }

    public string Status { get; init; } = "active";

    public long CreatedAtTicks { get; }

    public string CreatedAt { get; }

    public long ModifiedAtTicks { get; private init; }

    public string ModifiedAt { get; private init; }

    /// <summary>Which set of members IntelGraph does not know to add, or -1 for none.</summary>
    public int UnknownMembers { get; }

    public SampleClaim WithUuid(Guid uuid) => this with
    {
        Uuid = uuid,
        Id = SampleRandom.PrefixedUuid("clm-", uuid),
        EdgeId = SampleRandom.PrefixedUuid("relationship--", uuid),
    };

    public SampleClaim WithModifiedAt(long ticks) => this with
    {
        ModifiedAtTicks = ticks,
        ModifiedAt = SampleRandom.FormatTimestamp(ticks),
    };
}
