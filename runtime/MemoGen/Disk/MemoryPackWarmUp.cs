using System.Runtime.CompilerServices;
using System.Threading;
using MemoGen.Infrastructure;
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
        if (Interlocked.Exchange(ref s_started, 1) == 0)
        {
            WarmUpThread.Start("MemoGen MemoryPack setup", static () => RuntimeHelpers.RunClassConstructor(typeof(MemoryPackFormatterProvider).TypeHandle));
        }
    }
}
