using System.ComponentModel;

namespace MemoGen.Infrastructure;

/// <summary>
/// The format the generator chose, at compile time, for a function's results that the disk store does not write raw.
/// <see cref="MemoOptions.Serializer"/> and <see cref="MemoOptions.UseSerializer"/> override it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public enum MemoPayloadFormat
{
    /// <summary>The serializer of the options: System.Text.Json unless one is set.</summary>
    Serializer = 0,

    /// <summary>MemoryPack: the result type is one MemoryPack writes (built-in types and collections of them, or <c>[MemoryPackable]</c>).</summary>
    MemoryPack = 1,
}
