using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace MemoGen.Infrastructure;

/// <summary>
/// The part of a <see cref="MemoCell{TKey, TResult}"/> that does not depend on its key: the running computation, then
/// the result, its size, its last use and whether the table counts it. The miss path works on this base, so that its
/// code is compiled once per result type (and for a reference-type result, precompiled), not once per key type.
/// </summary>
/// <remarks>
/// The fields keep the order they had in the single cell class, so that the runtime lays out every cell as before
/// and the hit path's code reads the same offsets.
/// </remarks>
internal abstract class MemoCell<TResult>
{
    /// <summary>The <c>lastUse</c> of a cell whose table does not rank reads (an unbounded table): hits need not touch it.</summary>
    public const long UntrackedUse = MemoTableCore.UntrackedUse;

    private const byte Running = 0;
    private const byte Completed = 1;
    private const byte CompletedTrackingUse = 2;

    private const int NotStored = 0;
    private const int Stored = 1;
    private const int Removed = 2;

    // One field for "completed" and "a hit must record its use", so that an unbounded table's hit tests one byte of the
    // cell it already reads instead of also loading a flag of the table.
    private volatile byte _completion;
    private int _storage;
    private Task<TResult>? _completedTask;
    private MemoFlight<TResult>? _flight;

    /// <summary>The key's hash code, kept so that a lookup compares keys only when the hash codes match.</summary>
    /// <remarks>A field, not a property: the first call of a function runs its lookups unoptimized (tier 0, nothing inlined).</remarks>
    public readonly int Hash;

    /// <summary>Creates a cell whose result <paramref name="flight"/> computes, or (<see langword="null"/>) a tombstone.</summary>
    protected MemoCell(int hash, MemoFlight<TResult>? flight)
    {
        Hash = hash;
        _flight = flight;
    }

    /// <summary>Creates a cell that already holds its result.</summary>
    protected MemoCell(int hash, TResult value, long estimatedBytes, long lastUse)
    {
        Hash = hash;
        _value = value;
        _estimatedBytes = estimatedBytes;
        _lastUse = lastUse;
        _completion = lastUse == UntrackedUse ? Completed : CompletedTrackingUse;
    }

    // Fields rather than auto-properties with setters, in the order of those properties (so the layout is the same):
    // a first miss runs Complete unoptimized, and each setter would be one more method compiled per value-type result.
    private TResult _value = default!;
    private long _estimatedBytes;
    private long _lastUse;

    /// <summary>The result; meaningful only once <see cref="IsCompleted"/> is <see langword="true"/>.</summary>
    public TResult Value => _value;

    /// <summary>Whether <see cref="Value"/> holds the result (a volatile read: it publishes <see cref="Value"/>).</summary>
    public bool IsCompleted => _completion != Running;

    /// <summary>
    /// Whether a hit only has to read <see cref="Value"/>: completed, and not ranked by reads (see <see cref="UntrackedUse"/>).
    /// A volatile read, like <see cref="IsCompleted"/>.
    /// </summary>
    public bool IsPlainHit => _completion == Completed;

    /// <summary>The computation that produces the result; <see langword="null"/> once the cell completed.</summary>
    public MemoFlight<TResult>? Flight => Volatile.Read(ref _flight);

    /// <summary>The estimated memory of the entry, set before the cell is counted in its table.</summary>
    public long EstimatedBytes => _estimatedBytes;

    /// <summary>The table's logical clock when the entry was inserted or last read (kept by bounded tables only).</summary>
    public long LastUse => _lastUse;

    /// <summary>Whether the cell is in its table's counters (completed, stored and not removed since).</summary>
    public bool IsStored => Volatile.Read(ref _storage) == Stored;

    /// <summary>Whether the cell left its table (invalidated, cleared or evicted).</summary>
    public bool IsRemoved => Volatile.Read(ref _storage) == Removed;

    /// <summary>Whether <paramref name="other"/>, a cell of the same map, holds a key equal to this cell's.</summary>
    public abstract bool HasKeyOf(MemoCell<TResult> other);

    /// <summary>Records a read at <paramref name="clock"/>; writes only when the value changes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Touch(long clock)
    {
        if (_lastUse != clock)
        {
            _lastUse = clock;
        }
    }

    /// <summary>Publishes the result of the flight.</summary>
    public void Complete(TResult value, long estimatedBytes, long lastUse, Task<TResult>? completedTask)
    {
        _value = value;
        _estimatedBytes = estimatedBytes;
        _lastUse = lastUse;
        _completedTask = completedTask;
        _completion = lastUse == UntrackedUse ? Completed : CompletedTrackingUse;
        Volatile.Write(ref _flight, null);
    }

    /// <summary>
    /// A completed task of <see cref="Value"/>, the same instance every time. Call only once <see cref="IsCompleted"/>.
    /// </summary>
    public Task<TResult> GetCompletedTask()
    {
        Task<TResult>? task = Volatile.Read(ref _completedTask);
        return task ?? CreateCompletedTask();
    }

    /// <summary>
    /// Marks the completed cell as counted in its table. Fails if the cell was removed from the table first, so a
    /// result that arrives after its entry was invalidated is never counted.
    /// </summary>
    public bool TryMarkStored() => Interlocked.CompareExchange(ref _storage, Stored, NotStored) == NotStored;

    /// <summary>
    /// Records that the cell left its table. Only the caller that removed it from the dictionary calls this, once.
    /// </summary>
    /// <returns>Whether the cell was counted, so the table must discount it.</returns>
    public bool MarkRemoved() => Interlocked.Exchange(ref _storage, Removed) == Stored;

    private Task<TResult> CreateCompletedTask()
    {
        Task<TResult> created = Task.FromResult(_value);
        return Interlocked.CompareExchange(ref _completedTask, created, null) ?? created;
    }
}
