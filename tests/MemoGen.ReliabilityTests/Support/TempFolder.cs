using System;
using System.IO;

namespace MemoGen.ReliabilityTests.Support;

/// <summary>A fresh folder under the temporary folder, deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string kind = "cache")
    {
        Root = Path.Combine(Path.GetTempPath(), "memogen-reliability", kind + "-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
