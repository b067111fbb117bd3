using System;
using System.IO;
using NUnit.Framework;

namespace MemoGen.IntegrationTests.Disk;

/// <summary>Tests that each get a fresh cache folder, removed afterwards.</summary>
public abstract class CacheFolderTests
{
    /// <summary>This test's cache folder, empty when it starts.</summary>
    protected string Folder { get; private set; } = "";

    [SetUp]
    public void CreateFolder()
    {
        Folder = Path.Combine(Path.GetTempPath(), "memogen-integration", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(Folder, recursive: true);
}
