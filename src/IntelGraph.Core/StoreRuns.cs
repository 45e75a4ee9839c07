namespace IntelGraph.Core;

/// <summary>Helpers for stores that insert a run of records one at a time.</summary>
public static class StoreRuns
{
    /// <summary>
    /// Inserts the records one by one and returns, for each, whether the store accepted it. A record the
    /// store rejects with a <see cref="StoreException"/> (a taken id or a missing parent) gives false.
    /// </summary>
    public static async Task<IReadOnlyList<bool>> TryEachAsync<T>(IReadOnlyList<T> records, Func<T, Task> insert)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(insert);

        var stored = new bool[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            try
            {
                await insert(records[i]).ConfigureAwait(false);
                stored[i] = true;
            }
            catch (StoreException)
            {
                stored[i] = false;
            }
        }

        return stored;
    }
}
