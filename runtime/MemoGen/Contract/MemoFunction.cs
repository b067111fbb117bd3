using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Text;
using System.Threading;

namespace MemoGen.Infrastructure;

/// <summary>
/// One memoized method: its cache name, code version and tags. Generated code keeps one instance per method in a
/// <see langword="static readonly"/> field; every <see cref="MemoContext"/> holds a table for it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class MemoFunction
{
    private static int s_createdCount;

    /// <summary>Describes a memoized method.</summary>
    /// <param name="name">The cache name (<see cref="MemoizeAttribute.Name"/>, or the method's name).</param>
    /// <param name="codeVersion">The hash of the implementation's source and <see cref="MemoizeAttribute.Version"/>.</param>
    /// <param name="tags">The policy tags (<see cref="MemoizeAttribute.Tags"/>); <see langword="null"/> for none.</param>
    /// <param name="arguments">The names of a shared key's numbered fields separated by commas, or <see langword="null"/>.</param>
    /// <param name="covers">What the code version covers, one member or assembly a line.</param>
    protected MemoFunction(string name, string codeVersion, string[]? tags, string? arguments = null, string covers = "")
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(codeVersion);
        Name = name;
        CodeVersion = codeVersion;
        _tags = tags is null ? [] : (string[])tags.Clone();
        Index = Interlocked.Increment(ref s_createdCount) - 1;
        ArgumentNames = arguments?.Split(',');
        _covers = covers ?? "";
    }

    private readonly string _covers;

    // The read-only view is made on first use of Tags: a first call, which only asks HasTag, should not load it.
    private readonly string[] _tags;
    private IReadOnlyList<string>? _tagsView;

    /// <summary>The names of a shared key's numbered fields, in order; <see langword="null"/> when its fields are named.</summary>
    internal string[]? ArgumentNames { get; }

    /// <summary>The cache name; several functions (closed generic instantiations) may share it.</summary>
    public string Name { get; }

    /// <summary>The version of the code that produces the results; an entry written by other code is a miss.</summary>
    public string CodeVersion { get; }

    /// <summary>The policy tags.</summary>
    public IReadOnlyList<string> Tags => _tagsView ??= Array.AsReadOnly(_tags);

    /// <summary>Whether <paramref name="tag"/> is one of the policy tags.</summary>
    internal bool HasTag(string tag)
    {
        foreach (string candidate in _tags)
        {
            if (string.Equals(candidate, tag, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The process-wide slot of this function in every context's table array. Slots are never reused, which is why a
    /// function is meant to be a static singleton rather than created per call.
    /// </summary>
    internal int Index { get; }

    /// <summary>How many functions the process has created so far: a good size for a context's table array.</summary>
    internal static int CreatedCount => Volatile.Read(ref s_createdCount);

    /// <summary>Creates this function's empty table in <paramref name="context"/>.</summary>
    /// <remarks>Internal and abstract, so that only MemoGen can derive functions.</remarks>
    internal abstract IMemoTable CreateTable(MemoContext context);

    /// <summary>
    /// What the code version covers (the members and assemblies hashed into it), one item a line after the version: an
    /// entry written by other code is a miss. A handle's <c>ExplainVersion()</c> returns it.
    /// </summary>
    public string ExplainVersion()
    {
        var text = new StringBuilder(Name).Append(": code version ").Append(CodeVersion).Append(" covers\n");
        foreach (var item in _covers.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            text.Append("  ").Append(item).Append('\n');
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
