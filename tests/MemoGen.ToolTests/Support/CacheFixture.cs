using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace MemoGen.ToolTests.Support;

/// <summary>A cache folder under the temporary folder, written by real memoized calls; deleted on dispose.</summary>
internal sealed class CacheFixture : IDisposable
{
    public CacheFixture()
    {
        Parent = Path.Combine(Path.GetTempPath(), "memogen-tool-tests", Guid.NewGuid().ToString("N"));
        Root = Path.Combine(Parent, "cache");
        Directory.CreateDirectory(Root);
    }

    /// <summary>A folder holding the cache, where tests put what lies outside it.</summary>
    public string Parent { get; }

    /// <summary>The cache folder.</summary>
    public string Root { get; }

    /// <summary>Writes squares(3), squares(5) and ratio(1, 2) through a context, as a program would.</summary>
    public CacheFixture WithEntries()
    {
        var lab = new Lab(new MemoOptions { CacheDirectory = Root });
        lab.Squares(3);
        lab.Squares(5);
        lab.Divide(1, 2);
        return this;
    }

    /// <summary>A fresh context on the cache: what a new process sees.</summary>
    public Lab Fresh() => new(new MemoOptions { CacheDirectory = Root });

    /// <summary>Every file of a function folder whose name ends with <paramref name="suffix"/>.</summary>
    public IReadOnlyList<string> Files(string folder, string suffix) =>
        [.. Directory.EnumerateFiles(Path.Combine(Root, folder), "*" + suffix, SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    public void Dispose()
    {
        try
        {
            Directory.Delete(Parent, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
