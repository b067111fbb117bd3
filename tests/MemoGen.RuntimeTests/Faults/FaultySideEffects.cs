using System;
using System.Collections.Generic;
using System.IO;
using MemoGen.Disk;
using Microsoft.Extensions.Logging;

namespace MemoGen.RuntimeTests.Faults;

/// <summary>A logger whose every <c>Log</c> throws, as a sink that is down does; it claims every level is enabled.</summary>
internal sealed class ThrowingLogger : ILoggerFactory, ILogger
{
    public int Attempts;

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        System.Threading.Interlocked.Increment(ref Attempts);
        throw new IOException("the log sink is down");
    }

    public void Dispose()
    {
    }
}

/// <summary>The default JSON serializer (same format), except that writing or reading throws the given exception.</summary>
internal sealed class ThrowingSerializer(Exception? onWrite, Exception? onRead = null) : IMemoSerializer
{
    public string Format => JsonMemoSerializer.Default.Format;

    public void Serialize<T>(Stream destination, T value)
    {
        if (onWrite is not null)
        {
            throw onWrite;
        }

        JsonMemoSerializer.Default.Serialize(destination, value);
    }

    public T Deserialize<T>(Stream source) => onRead is not null ? throw onRead : JsonMemoSerializer.Default.Deserialize<T>(source);
}

/// <summary>A cacher whose save throws.</summary>
internal sealed class ThrowingCacher(Exception onSave) : IMemoCacher<int>
{
    public void Save(string path, int value) => throw onSave;

    public int Load(string path) => throw new InvalidOperationException("nothing was saved");
}

/// <summary>The write steps of the disk store that <see cref="FaultyFileSystem"/> can fail.</summary>
internal enum WriteStep
{
    CreateDirectory,
    CreateFile,
    Write,
    Flush,
    Rename,
}

/// <summary>The real file system, except that one write step throws the given exception every time.</summary>
internal sealed class FaultyFileSystem(WriteStep step, Exception fault) : IMemoFileSystem
{
    private static readonly PhysicalFileSystem Inner = PhysicalFileSystem.Instance;

    public IMemoReadableFile OpenRead(string path) => Inner.OpenRead(path);

    public IMemoWritableFile CreateNew(string path, long expectedLength)
    {
        FailAt(WriteStep.CreateFile);
        return new File(Inner.CreateNew(path, expectedLength), this);
    }

    public void FlushToDisk(string path)
    {
        FailAt(WriteStep.Flush);
        Inner.FlushToDisk(path);
    }

    public void Replace(string source, string destination)
    {
        FailAt(WriteStep.Rename);
        Inner.Replace(source, destination);
    }

    public void Delete(string path) => Inner.Delete(path);

    public void CreateDirectory(string path)
    {
        FailAt(WriteStep.CreateDirectory);
        Inner.CreateDirectory(path);
    }

    public bool FileExists(string path) => Inner.FileExists(path);

    public IReadOnlyList<MemoFileEntry> ListFiles(string directory) => Inner.ListFiles(directory);

    public IReadOnlyList<string> ListDirectories(string directory) => Inner.ListDirectories(directory);

    public void SetLastWriteTimeUtc(string path, DateTime time) => Inner.SetLastWriteTimeUtc(path, time);

    private void FailAt(WriteStep current)
    {
        if (current == step)
        {
            throw fault;
        }
    }

    private sealed class File(IMemoWritableFile inner, FaultyFileSystem owner) : IMemoWritableFile
    {
        public void Write(ReadOnlySpan<byte> data, long offset)
        {
            owner.FailAt(WriteStep.Write);
            inner.Write(data, offset);
        }

        public void FlushToDisk()
        {
            owner.FailAt(WriteStep.Flush);
            inner.FlushToDisk();
        }

        public void Dispose() => inner.Dispose();
    }
}
