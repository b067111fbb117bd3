using System.IO;

namespace MemoGen;

/// <summary>
/// Writes and reads the values the disk store does not write raw (everything but arrays and memories of unmanaged
/// elements) when <see cref="MemoOptions.Serializer"/> or <see cref="MemoOptions.UseSerializer"/> names one. Without,
/// results MemoryPack writes go through MemoryPack and the others through <see cref="JsonMemoSerializer"/>. The type to
/// read is always the memoized method's result type, never one named by the file.
/// </summary>
public interface IMemoSerializer
{
    /// <summary>
    /// A short lowercase name of the format, such as <c>json</c>: recorded in every entry (an entry of another format is
    /// a miss, and is overwritten) and used as the payload file's extension. Letters, digits, <c>-</c> and <c>_</c> only.
    /// </summary>
    string Format { get; }

    /// <summary>Writes <paramref name="value"/> to <paramref name="destination"/>.</summary>
    void Serialize<T>(Stream destination, T value);

    /// <summary>Reads a value written by <see cref="Serialize{T}"/> from <paramref name="source"/> (checksum already verified).</summary>
    T Deserialize<T>(Stream source);
}
