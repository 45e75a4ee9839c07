namespace IntelGraph.Migration.Sample;

/// <summary>A task row as the legacy export writes it.</summary>
internal sealed record SampleTask(string Guid, string CaseGuid, string Assignee, string Summary, string State, string UpdatedAt)
{
    public const string Open = "open";
    public const string InProgress = "in_progress";
    public const string Done = "done";

    public static readonly string[] States = [Open, InProgress, Done];
}

/// <summary>
/// A fixed-size uniform sample (reservoir sampling, Algorithm R) of the valid tasks written so far,
/// from which deltas pick the tasks whose state they change. Its size bounds the memory however many
/// tasks the export has.
/// </summary>
internal sealed class SampleTaskReservoir(int capacity)
{
    private readonly List<SampleTask> _tasks = new(Math.Min(capacity, 1024));
    private long _offered;

    public int Count => _tasks.Count;

    public void Offer(Random random, SampleTask task)
    {
        if (capacity == 0)
        {
            return;
        }

        _offered++;
        if (_tasks.Count < capacity)
        {
            _tasks.Add(task);
            return;
        }

        long slot = random.NextInt64(_offered);
        if (slot < capacity)
        {
            _tasks[(int)slot] = task;
        }
    }

    /// <summary>Takes up to <paramref name="count"/> distinct tasks in random order and lets the caller replace each with its new version.</summary>
    public void Update(Random random, int count, Func<SampleTask, SampleTask> update)
    {
        // A partial Fisher-Yates shuffle of the positions gives distinct tasks.
        int[] positions = Enumerable.Range(0, _tasks.Count).ToArray();
        int updateCount = Math.Min(count, positions.Length);
        for (int i = 0; i < updateCount; i++)
        {
            int j = random.Next(i, positions.Length);
            (positions[i], positions[j]) = (positions[j], positions[i]);
            _tasks[positions[i]] = update(_tasks[positions[i]]);
        }
    }
}
