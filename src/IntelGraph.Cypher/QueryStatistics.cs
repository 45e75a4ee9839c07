namespace IntelGraph.Cypher;

/// <summary>Counts of the changes one query made to the graph.</summary>
public sealed class QueryStatistics
{
    public int NodesCreated { get; internal set; }

    public int NodesDeleted { get; internal set; }

    public int RelationshipsCreated { get; internal set; }

    public int RelationshipsDeleted { get; internal set; }

    /// <summary>Property writes, including writes that remove a property by setting it to null.</summary>
    public int PropertiesSet { get; internal set; }

    public int LabelsAdded { get; internal set; }

    public int LabelsRemoved { get; internal set; }

    /// <summary>The nodes and relationships the query read, counted only when it ran with <see cref="Planning.QueryLimits"/>.</summary>
    public long RowsRead { get; internal set; }

    public bool ContainsUpdates =>
        NodesCreated + NodesDeleted + RelationshipsCreated + RelationshipsDeleted + PropertiesSet + LabelsAdded + LabelsRemoved > 0;
}
