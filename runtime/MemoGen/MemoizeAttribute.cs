using System;

namespace MemoGen;

/// <summary>
/// Marks a partial method whose results are cached. MemoGen generates the method's body: it builds a key from the
/// arguments, answers from the cache when it can, and otherwise calls the implementation <c>&lt;Method&gt;Core</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class MemoizeAttribute : Attribute
{
    /// <summary>The cache name of the function; defaults to the method's name. Unique within an assembly.</summary>
    public string? Name { get; set; }

    /// <summary>Tags that select policies, such as <c>"disk"</c> or <c>"lazy"</c>.</summary>
    public string[]? Tags { get; set; }

    /// <summary>A manual version: bump it to invalidate what earlier code cached.</summary>
    public int Version { get; set; }
}
