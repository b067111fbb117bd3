using System;
using System.Runtime.CompilerServices;
using System.Threading;
using MemoryPack;

namespace MemoGen.Disk;

/// <summary>
/// Starts MemoryPack's one-time setup on a background thread as soon as a function whose results it reads gets a disk
/// tier. That setup (the formatter provider's static constructor, which registers every built-in formatter and loads
/// half a dozen assemblies) is most of a first MemoryPack disk hit's cost; begun early, it runs while the caller hashes
/// its key and reads the entry's metadata, and the caller waits only for what is left of it.
/// </summary>
internal static class MemoryPackWarmUp
{
    private static int s_started;

    /// <summary>Starts the setup once per process; later calls do nothing.</summary>
    public static void Begin()
    {
        if (Interlocked.Exchange(ref s_started, 1) != 0)
        {
            return;
        }

        try
        {
            // A thread of its own: starting the thread pool for it would cost the caller more than it saves.
            new Thread(static () => Run(), maxStackSize: 256 * 1024) { IsBackground = true, Name = "MemoGen MemoryPack setup" }.Start();
        }
        catch (Exception exception) when (exception is OutOfMemoryException or ThreadStartException)
        {
            // No thread: the first read does the setup itself, as without this.
        }
    }

    private static void Run()
    {
        try
        {
            RuntimeHelpers.RunClassConstructor(typeof(MemoryPackFormatterProvider).TypeHandle);
        }
        catch (Exception)
        {
            // A failing setup fails again, and is reported, where a value is read; this thread has nobody to tell.
        }
    }
}
