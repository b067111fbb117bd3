using System;
using System.Runtime.InteropServices;

namespace MemoGen.Disk;

/// <summary>
/// Asks Linux to back a large, freshly allocated destination with transparent huge pages before it is filled, so that
/// filling 256 MB costs 128 page faults of 2 MB instead of 65,536 of 4 KB (the faults, not the copy, dominated a load
/// into a new array). Advice only: on other systems, when the kernel refuses or huge pages are off, nothing changes.
/// </summary>
internal static partial class HugePageAdvice
{
    /// <summary>Destinations smaller than this (8 MiB) are left alone: they hold few huge pages to gain.</summary>
    public const long MinBytes = 8L << 20;

    private const nint HugePageBytes = 2 << 20;
    private const int MadvHugePage = 14;

    private static bool s_unavailable = !OperatingSystem.IsLinux();

    /// <summary>
    /// Advises huge pages for the whole 2 MB pages inside <paramref name="length"/> bytes at <paramref name="start"/>,
    /// which must stay pinned (or be native memory) while it is in use. Never throws.
    /// </summary>
    public static void ForDestination(nint start, long length)
    {
        if (s_unavailable || length < MinBytes)
        {
            return;
        }

        nint first = (start + HugePageBytes - 1) & ~(HugePageBytes - 1);
        nint end = (start + (nint)length) & ~(HugePageBytes - 1);
        if (end <= first)
        {
            return;
        }

        try
        {
            _ = Madvise(first, (nuint)(end - first), MadvHugePage);
        }
        catch (Exception failure) when (failure is DllNotFoundException or EntryPointNotFoundException)
        {
            s_unavailable = true;
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);
}
