using System;
using System.Collections.Generic;
using MemoGen.Disk;
using Microsoft.Extensions.Logging;

namespace MemoGen;

/// <summary>How a <see cref="MemoContext"/> keeps results.</summary>
/// <remarks>Options are read when a function's table is created, on the function's first use in a context.</remarks>
public sealed class MemoOptions
{
    private readonly Dictionary<string, MemoryLimits> _functionLimits = new(StringComparer.Ordinal);
    private readonly Dictionary<string, object> _cachers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IMemoSerializer> _serializers = new(StringComparer.Ordinal);

    // Created by the first ExpireAfter: a dictionary of a struct value is JIT-compiled, which a first call should not wait for.
    private Dictionary<string, TimeSpan>? _expiries;

    /// <summary>The memory bounds of every function without its own (<see cref="MemoryLimits.Unbounded"/> by default).</summary>
    public MemoryLimits MemoryLimits { get; set; } = MemoryLimits.Unbounded;

    /// <summary>
    /// The folder of the disk store, or <see langword="null"/> (the default) for none. Functions tagged <c>"disk"</c>
    /// or <c>"lazy"</c> write their results there and read them back on a memory miss, in this process or a later one;
    /// several processes may share the folder. See docs/disk-store.md.
    /// </summary>
    public string? CacheDirectory { get; set; }

    /// <summary>Whether a disk hit on a <see cref="ReadOnlyMemory{T}"/> of unmanaged elements maps the file instead of reading it.</summary>
    public MmapMode MmapMode { get; set; }

    /// <summary>
    /// Writes and reads the results that are not arrays of unmanaged elements. <see langword="null"/> (the default):
    /// MemoryPack, a compact binary format, for the result types the generator found it can write (built-in types and
    /// collections of them, <c>[MemoryPackable]</c> types), and <see cref="JsonMemoSerializer.Default"/> for the others.
    /// Set <see cref="JsonMemoSerializer.Default"/> for a cache people read, or a serializer of one's own.
    /// </summary>
    public IMemoSerializer? Serializer { get; set; }

    /// <summary>Bounds on the whole disk store, applied least recently used first (<see cref="DiskLimits.Unbounded"/> by default).</summary>
    public DiskLimits DiskLimits { get; set; } = DiskLimits.Unbounded;

    /// <summary>
    /// Where MemoGen logs (category <c>MemoGen</c>): computed, loaded and missed calls with times at debug level, disk
    /// problems as warnings. <see langword="null"/> (the default) logs nothing.
    /// </summary>
    public ILoggerFactory? LoggerFactory
    {
        get => (ILoggerFactory?)LoggerFactoryOrNull;
        set => LoggerFactoryOrNull = value;
    }

    /// <summary>
    /// <see cref="LoggerFactory"/> as an object: what <see cref="Diagnostics.MemoLogger"/> tests, so that a process without
    /// a factory does not load Microsoft.Extensions.Logging for the property's type.
    /// </summary>
    internal object? LoggerFactoryOrNull { get; private set; }

    /// <summary>
    /// The store shared across processes and machines behind the disk store, if any; set by the extension method of
    /// the assembly that implements it (<c>UsePostgres</c> in <c>MemoGen.Postgres</c>).
    /// </summary>
    internal Infrastructure.ISharedTier? SharedTier { get; set; }

    /// <summary>The I/O seam of the disk store (tests replace it to count reads and inject faults).</summary>
    internal IMemoFileSystem FileSystem { get; set; } = PhysicalFileSystem.Instance;

    /// <summary>The clock of the disk store's timestamps and expiry.</summary>
    internal TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>How old an unreferenced or temporary file must be before pruning removes it (a writer may still be at work).</summary>
    internal TimeSpan OrphanGracePeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Sets the memory bounds of the function cached under <paramref name="name"/>.</summary>
    public MemoOptions LimitFunction(string name, MemoryLimits limits)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(limits);
        _functionLimits[name] = limits;
        return this;
    }

    /// <summary>The memory bounds that apply to the function cached under <paramref name="name"/>.</summary>
    public MemoryLimits LimitsFor(string name) =>
        _functionLimits.TryGetValue(name, out var limits) ? limits : MemoryLimits;

    /// <summary>
    /// Writes and reads the disk entries of the function cached under <paramref name="name"/> with
    /// <paramref name="cacher"/> instead of the serializer or raw bytes (curifactory's custom cachers).
    /// </summary>
    /// <typeparam name="T">The function's result type.</typeparam>
    public MemoOptions UseCacher<T>(string name, IMemoCacher<T> cacher)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(cacher);
        _cachers[name] = cacher;
        return this;
    }

    /// <summary>
    /// Writes and reads the disk entries of the function cached under <paramref name="name"/> with
    /// <paramref name="serializer"/> (such as <see cref="JsonMemoSerializer.Default"/>, for entries people read), whatever
    /// <see cref="Serializer"/> and the generator's choice say. Arrays of unmanaged elements stay raw.
    /// </summary>
    public MemoOptions UseSerializer(string name, IMemoSerializer serializer)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(serializer);
        _serializers[name] = serializer;
        return this;
    }

    /// <summary>The serializer of the function cached under <paramref name="name"/>: its own, else <see cref="Serializer"/>, else null.</summary>
    internal IMemoSerializer? SerializerFor(string name) => _serializers.GetValueOrDefault(name) ?? Serializer;

    /// <summary>
    /// Makes the disk entries of the function cached under <paramref name="name"/> expire <paramref name="maxAge"/> after
    /// they were computed: an older entry is a miss (and is overwritten), and pruning removes it. Results already in
    /// memory are not affected.
    /// </summary>
    public MemoOptions ExpireAfter(string name, TimeSpan maxAge)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxAge, TimeSpan.Zero);
        (_expiries ??= new Dictionary<string, TimeSpan>(StringComparer.Ordinal))[name] = maxAge;
        return this;
    }

    /// <summary>How long the disk entries of the function cached under <paramref name="name"/> live, or <see langword="null"/> for ever.</summary>
    public TimeSpan? ExpiryFor(string name) => _expiries is not null && _expiries.TryGetValue(name, out TimeSpan maxAge) ? maxAge : null;

    /// <summary>The cacher registered for <paramref name="name"/>, if any (an <see cref="IMemoCacher{T}"/>).</summary>
    internal object? CacherFor(string name) => _cachers.GetValueOrDefault(name);

    /// <summary>The expiry of every function that has one, by cache name.</summary>
    internal IReadOnlyDictionary<string, TimeSpan> Expiries => _expiries ?? new Dictionary<string, TimeSpan>();
}
