using System;
using MemoGen.Disk;
using MemoGen.TestSupport;

namespace MemoGen.ReliabilityChild;

/// <summary>
/// The real file system, printing <c>writing &lt;path&gt;</c> just before each file is created, so that the crash test
/// can aim its kills at writes in progress and count the kills that interrupted one.
/// </summary>
internal sealed class WriteReportingFileSystem : PassThroughFileSystem
{
    public override IMemoWritableFile CreateNew(string path, long expectedLength)
    {
        Console.WriteLine("writing " + path);
        return base.CreateNew(path, expectedLength);
    }
}
