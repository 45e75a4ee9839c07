using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace IntelGraph.Migration.Importing;

/// <summary>
/// Reads a record stream on a worker thread and applies a CPU-bound step to each record there, a bounded
/// number of records ahead of the consumer. Reading, parsing and digesting then overlap with the consumer's
/// store writes on a second core, while the consumer still gets every record once and in source order.
/// </summary>
internal static class ReadAhead
{
    // Up to 32 chunks of 256 records wait in the channel, about 8 MB of claims. That is more than one run of the
    // importer (4096 records), so the reader keeps working while the consumer stores a whole run.
    private const int ChunkSize = 256;
    private const int ChunksAhead = 32;

    /// <summary>
    /// Returns <paramref name="selector"/> applied to each record of <paramref name="source"/>, in order. A failure
    /// of the source or the selector is raised to the consumer after the records read before it.
    /// </summary>
    public static async IAsyncEnumerable<TResult> SelectAsync<TSource, TResult>(
        IAsyncEnumerable<TSource> source, Func<TSource, TResult> selector, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<List<TResult>>(new BoundedChannelOptions(ChunksAhead) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(() => ProduceAsync(source, selector, channel.Writer, stop.Token), CancellationToken.None);

        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken))
            {
                while (channel.Reader.TryRead(out var chunk))
                {
                    foreach (var item in chunk)
                    {
                        yield return item;
                    }
                }
            }

            // The channel also completes when the source fails, and awaiting the producer raises that failure.
            await producer;
        }
        finally
        {
            if (!producer.IsCompleted)
            {
                // The consumer stopped early, by an exception of its own or by cancellation, and it reports that.
                // The producer is only stopped here, so that nothing reads the source after this method returns.
                await stop.CancelAsync();
                await producer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private static async Task ProduceAsync<TSource, TResult>(
        IAsyncEnumerable<TSource> source, Func<TSource, TResult> selector, ChannelWriter<List<TResult>> writer, CancellationToken cancellationToken)
    {
        try
        {
            var chunk = new List<TResult>(ChunkSize);
            await foreach (var record in source.WithCancellation(cancellationToken))
            {
                chunk.Add(selector(record));
                if (chunk.Count == ChunkSize)
                {
                    await writer.WriteAsync(chunk, cancellationToken);
                    chunk = new List<TResult>(ChunkSize);
                }
            }

            if (chunk.Count > 0)
            {
                await writer.WriteAsync(chunk, cancellationToken);
            }
        }
        finally
        {
            // Completed without the exception, so the consumer first takes every record read before a failure.
            writer.Complete();
        }
    }
}
