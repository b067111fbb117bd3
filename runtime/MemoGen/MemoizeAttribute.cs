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

    /// <summary>
    /// A manual version: bump it to invalidate what earlier code cached. It is part of the code version, which also
    /// covers the implementation and everything it calls in this compilation (see docs/code-versions.md).
    /// </summary>
    public int Version { get; set; }

    /// <summary>
    /// When true, only <see cref="Version"/> counts: edits to the implementation or to what it calls no longer make
    /// cached entries a miss. Use it when those edits do not change results (logging, refactoring); the risk is stale
    /// results, silently, until you bump <see cref="Version"/> by hand.
    /// </summary>
    public bool PinVersion { get; set; }

    /// <summary>
    /// A type that writes and reads this method's values on disk in files of its own making (curifactory's custom
    /// cachers): a class or struct implementing <see cref="IMemoCacher{T}"/> for the cached value type (the result
    /// type, or the awaited value of an asynchronous method), with a public parameterless constructor. One instance
    /// serves every context, possibly from several threads at once.
    /// </summary>
    /// <remarks>
    /// A cacher registered for the same cache name with <see cref="MemoOptions.UseCacher{T}"/> takes precedence: explicit
    /// run-time configuration wins. Values are written only when the method has the <c>"disk"</c> or <c>"lazy"</c> tag and
    /// the context has a <see cref="MemoOptions.CacheDirectory"/>, as for every other payload.
    /// </remarks>
    public Type? Cacher { get; set; }
}
