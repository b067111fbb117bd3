using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace MemoGen.Postgres;

/// <summary>
/// Reads an entry's chunks on several connections at once, so that one server backend reads its pages while another
/// sends, and this side receives and hashes: chunk <c>i</c> on lane <c>i</c> mod N, each lane a thread with its own
/// connection, each chunk verified on its lane, then handed to the calling thread, which delivers them strictly in order.
/// N + 1 chunk buffers go round, whatever the payload's size: chunk <c>i</c> fills buffer <c>i</c> mod (N + 1), once
/// chunk <c>i</c> - N - 1, the buffer's previous chunk, has been delivered. The first failure, on a lane or in delivery,
/// stops every lane (a lane cancels its statements still running on the server), and is rethrown once every lane has
/// ended and handed its connection back.
/// </summary>
internal static class ChunkLanes
{
    /// <summary>Reads <paramref name="chunks"/> on <paramref name="connection"/> as <see cref="ChunkReader"/> does on one lane.</summary>
    public delegate void LaneReader(
        NpgsqlConnection connection, List<StoredChunk> chunks, Func<StoredChunk, byte[]> take, Action<StoredChunk, byte[]> deliver, CancellationToken stop);

    /// <summary>
    /// Reads <paramref name="chunks"/> on <paramref name="lanes"/> lanes with <paramref name="readLane"/>: the first lane on
    /// <paramref name="first"/>, the others on connections from <paramref name="open"/> (disposed before this returns), and
    /// hands each chunk in order to <paramref name="deliver"/> on the calling thread, which blocks until all lanes end.
    /// </summary>
    public static void Read(
        NpgsqlConnection first, Func<NpgsqlConnection> open, int lanes, List<StoredChunk> chunks, LaneReader readLane, Action<StoredChunk, byte[]> deliver)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 2);
        int bufferSize = chunks.Max(chunk => chunk.Size);
        var buffers = new byte[lanes + 1][];
        var mayFill = new SemaphoreSlim[lanes];
        var filled = new SemaphoreSlim[lanes];
        var running = new Task[lanes];
        using var stop = new CancellationTokenSource();
        ExceptionDispatchInfo? failure = null;
        try
        {
            for (int i = 0; i < buffers.Length; i++)
            {
                buffers[i] = ArrayPool<byte>.Shared.Rent(bufferSize);
            }

            for (int lane = 0; lane < lanes; lane++)
            {
                // Chunks 0 to N fill free buffers: the first lane's first two, every other lane's first.
                mayFill[lane] = new SemaphoreSlim(lane == 0 ? 2 : 1);
                filled[lane] = new SemaphoreSlim(0);
            }

            for (int lane = 0; lane < lanes; lane++)
            {
                int index = lane;
                running[lane] = Task.Factory.StartNew(() => RunLane(index), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }

            for (int i = 0; i < chunks.Count; i++)
            {
                filled[i % lanes].Wait(stop.Token);
                deliver(chunks[i], buffers[i % buffers.Length]);

                // Chunk i + N + 1, on lane i + 1, may now fill the buffer that held chunk i.
                mayFill[(i + 1) % lanes].Release();
            }
        }
        catch (Exception e)
        {
            Fail(e);
        }
        finally
        {
            // No buffer goes back to the pool while a lane may still write into it.
            Task.WaitAll([.. running.Where(task => task is not null)]);
            foreach (byte[]? buffer in buffers)
            {
                if (buffer is not null)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }

            foreach (SemaphoreSlim? semaphore in mayFill.Concat(filled))
            {
                semaphore?.Dispose();
            }
        }

        failure?.Throw();

        void RunLane(int lane)
        {
            NpgsqlConnection? own = null;
            try
            {
                NpgsqlConnection connection = lane == 0 ? first : own = open();
                int next = lane;
                byte[] Take(StoredChunk _)
                {
                    mayFill[lane].Wait(stop.Token);
                    byte[] buffer = buffers[next % buffers.Length];
                    next += lanes;
                    return buffer;
                }

                readLane(connection, [.. chunks.Where((_, i) => i % lanes == lane)], Take, (_, _) => filled[lane].Release(), stop.Token);
            }
            catch (Exception e)
            {
                Fail(e);
            }
            finally
            {
                own?.Dispose();
            }
        }

        // The first failure is the one to report; the others are the lanes it stopped.
        void Fail(Exception e)
        {
            if (Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null) is null)
            {
                stop.Cancel();
            }
        }
    }
}
