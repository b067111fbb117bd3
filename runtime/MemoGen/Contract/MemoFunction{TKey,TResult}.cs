using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using MemoGen.Diagnostics;

namespace MemoGen.Infrastructure;

/// <summary>A memoized method whose arguments form a <typeparamref name="TKey"/> and whose result is a <typeparamref name="TResult"/>.</summary>
/// <typeparam name="TKey">The generated key type.</typeparam>
/// <typeparam name="TResult">The cached value (the awaited value for asynchronous methods).</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class MemoFunction<TKey, TResult> : MemoFunction
    where TKey : struct, IMemoKey<TKey>
{
    /// <summary>Describes a memoized method.</summary>
    /// <param name="name">The cache name (<see cref="MemoizeAttribute.Name"/>, or the method's name).</param>
    /// <param name="codeVersion">The hash of the implementation's source and <see cref="MemoizeAttribute.Version"/>.</param>
    /// <param name="tags">The policy tags (<see cref="MemoizeAttribute.Tags"/>); <see langword="null"/> for none.</param>
    /// <param name="cacher">
    /// The cacher named by <see cref="MemoizeAttribute.Cacher"/>, or <see langword="null"/> to write values raw or with
    /// the serializer. A cacher registered with <see cref="MemoOptions.UseCacher{T}"/> takes precedence over it.
    /// </param>
    /// <param name="format">The format the generator chose for results that are not written raw.</param>
    /// <param name="arguments">
    /// The names of the key's components in field order, separated by commas (parameter names hold none), for a key struct shared by methods whose keys have the same
    /// shape (its fields are numbered); <see langword="null"/> when the key's fields carry the names.
    /// </param>
    /// <param name="covers">What the code version covers, one member or assembly a line (see <see cref="MemoFunction.ExplainVersion"/>).</param>
    /// <param name="run">The method's run function (see <see cref="Run"/>), or <see langword="null"/> when its handle names it.</param>
    public MemoFunction(
        string name,
        string codeVersion,
        string[]? tags = null,
        IMemoCacher<TResult>? cacher = null,
        MemoPayloadFormat format = MemoPayloadFormat.Serializer,
        string? arguments = null,
        string covers = "",
        Delegate? run = null)
        : base(name, codeVersion, tags, arguments, covers)
    {
        Run = run;
        _cacher = cacher;
        _payloadFormat = format;
    }

    /// <summary>
    /// The generated function that computes a result from the method's state (the implementation's arguments and owner),
    /// held here so that a handle shared by methods of one call shape needs only the function: a
    /// <see cref="Func{T, TResult}"/> of the state, or for an asynchronous method a <see cref="Func{T1, T2, TResult}"/> of the
    /// state and a cancellation token returning a <see cref="System.Threading.Tasks.ValueTask{TResult}"/>.
    /// </summary>
    public Delegate? Run { get; }

    // Fields, not properties: each getter would be one more method that a function's first call compiles per key type.

    /// <summary>The cacher named on the method's attribute, if any.</summary>
    private readonly IMemoCacher<TResult>? _cacher;

    /// <summary>The format the generator chose for results that are not written raw.</summary>
    private readonly MemoPayloadFormat _payloadFormat;

    /// <summary>This function's table in <paramref name="context"/>, created on first use.</summary>
    /// <param name="context">The context that holds the results.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public MemoTable<TKey, TResult> TableIn(MemoContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        object?[] tables = context.Tables;
        int index = Index;
        if ((uint)index < (uint)tables.Length && tables[index] is { } table)
        {
            // The slot at Index only ever holds a table this function created, so the unchecked cast is safe.
            return Unsafe.As<MemoTable<TKey, TResult>>(table);
        }

        return Unsafe.As<MemoTable<TKey, TResult>>(context.GetOrAddTable(this));
    }

    /// <summary>
    /// <see cref="TableIn"/> for a call site that keeps the table in a field after its first use: out of line, so that
    /// the rare first call does not take the JIT's inlining budget from the hit path around it.
    /// </summary>
    /// <param name="context">The context that holds the results.</param>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public MemoTable<TKey, TResult> TableInFirstUse(MemoContext context) => TableIn(context);

    /// <remarks>Everything but the table's type is set up by code that does not depend on the key type.</remarks>
    internal override IMemoTable CreateTable(MemoContext context)
    {
        var table = new MemoTable<TKey, TResult>(this, context.Options.LimitsFor(Name), context.CreateDiskTier(this, _cacher, _payloadFormat), context.Logger);
        MemoMetrics.Register(table);
        return table;
    }
}
