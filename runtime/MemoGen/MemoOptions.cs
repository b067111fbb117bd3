using System;
using System.Collections.Generic;

namespace MemoGen;

/// <summary>How a <see cref="MemoContext"/> keeps results.</summary>
public sealed class MemoOptions
{
    private readonly Dictionary<string, MemoryLimits> _functionLimits = new(StringComparer.Ordinal);

    /// <summary>The memory bounds of every function without its own (<see cref="MemoryLimits.Unbounded"/> by default).</summary>
    public MemoryLimits MemoryLimits { get; set; } = MemoryLimits.Unbounded;

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
}
