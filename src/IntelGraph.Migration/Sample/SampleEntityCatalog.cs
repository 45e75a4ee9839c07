namespace IntelGraph.Migration.Sample;

/// <summary>One generated entity. Base-export groups and campaigns each have a case whose guid is the entity's UUID.</summary>
internal readonly record struct SampleEntity(SampleEntityRef Ref, bool HasCase, long CreatedAtTicks);

/// <summary>
/// Every entity of every part, made before the first file is written so that an edge can point at
/// an entity that only a later delta brings. It is the generator's largest memory use: about 44 bytes
/// per entity, so about 11 MB for a million claims (an estimate from the field sizes).
/// </summary>
internal sealed class SampleEntityCatalog
{
    // Relative frequencies of the kinds, roughly those of the pilot's own graph.
    private static readonly (SampleEntityKind Kind, int Weight)[] _kindWeights =
    [
        (SampleEntityKind.Technique, 44),
        (SampleEntityKind.Mitigation, 24),
        (SampleEntityKind.Malware, 14),
        (SampleEntityKind.Asset, 9),
        (SampleEntityKind.Group, 6),
        (SampleEntityKind.Campaign, 3),
    ];

    private readonly List<SampleEntity> _entities = [];
    private readonly List<int> _partStarts = [];
    private readonly List<int>[] _indexesByKind = Enumerable.Range(0, SampleEntityKinds.Count).Select(_ => new List<int>()).ToArray();

    // For each part, how many entities of each kind the parts up to and including it hold.
    private readonly List<int[]> _kindCountsThroughPart = [];

    public int PartCount => _partStarts.Count;

    public static SampleEntityCatalog Create(Random random, IReadOnlyList<SamplePartPlan> parts, bool messyLabels)
    {
        var catalog = new SampleEntityCatalog();
        for (int part = 0; part < parts.Count; part++)
        {
            catalog.AddPart(random, part, parts[part], messyLabels);
        }

        return catalog;
    }

    public ReadOnlySpan<SampleEntity> EntitiesOf(int part)
    {
        int start = _partStarts[part];
        int end = part + 1 < _partStarts.Count ? _partStarts[part + 1] : _entities.Count;
        return System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_entities)[start..end];
    }

    /// <summary>Picks an entity of the kind that exists by the end of <paramref name="part"/>, favouring the part's own entities in deltas.</summary>
    public SampleEntity Pick(Random random, SampleEntityKind kind, int part)
    {
        List<int> indexes = _indexesByKind[(int)kind];
        int available = _kindCountsThroughPart[part][(int)kind];
        int ownStart = part == 0 ? 0 : _kindCountsThroughPart[part - 1][(int)kind];
        bool fromOwnPart = part > 0 && random.Next(2) == 0;
        int position = fromOwnPart ? random.Next(ownStart, available) : random.Next(available);
        return _entities[indexes[position]];
    }

    /// <summary>Picks an entity of the kind that a random part after <paramref name="part"/> brings.</summary>
    public SampleEntity PickArrivingLater(Random random, SampleEntityKind kind, int part, out int arrivalPart)
    {
        arrivalPart = random.Next(part + 1, PartCount);
        int start = _kindCountsThroughPart[arrivalPart - 1][(int)kind];
        int end = _kindCountsThroughPart[arrivalPart][(int)kind];
        return _entities[_indexesByKind[(int)kind][random.Next(start, end)]];
    }

    private void AddPart(Random random, int part, SamplePartPlan plan, bool messyLabels)
    {
        _partStarts.Add(_entities.Count);

        // Each part has at least one entity of every kind, so any edge type can be drawn in it,
        // and an edge of an earlier part can wait for an entity of any kind in it.
        int count = Math.Max(SampleEntityKinds.Count, (int)Math.Ceiling(plan.Claims / 4.0));
        int totalWeight = _kindWeights.Sum(k => k.Weight);
        for (int i = 0; i < count; i++)
        {
            SampleEntityKind kind = i < SampleEntityKinds.Count ? _kindWeights[i].Kind : PickKind(random, totalWeight);
            var entityRef = new SampleEntityRef(random.NextUuid(), kind, random.Next(), messyLabels && random.Next(100) < 3);
            long createdAt = random.NextTicks(plan.StartTicks, plan.EndTicks);
            _indexesByKind[(int)kind].Add(_entities.Count);
            _entities.Add(new SampleEntity(entityRef, HasCase: part == 0 && kind.IsActor(), createdAt));
        }

        _kindCountsThroughPart.Add(_indexesByKind.Select(list => list.Count).ToArray());
    }

    private static SampleEntityKind PickKind(Random random, int totalWeight)
    {
        int roll = random.Next(totalWeight);
        foreach ((SampleEntityKind kind, int weight) in _kindWeights)
        {
            if (roll < weight)
            {
                return kind;
            }

            roll -= weight;
        }

        throw new InvalidOperationException("The kind weights do not add up to their total.");
    }
}
