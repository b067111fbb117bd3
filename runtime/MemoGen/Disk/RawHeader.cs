using System;
using System.Buffers.Binary;
using MemoGen.Hashing;

namespace MemoGen.Disk;

/// <summary>
/// The header of a raw payload: the first <see cref="DataOffset"/> bytes of the file, then the elements' bytes,
/// page-aligned so the file can be memory-mapped. Little-endian; byte by byte in docs/disk-store.md.
/// </summary>
internal sealed class RawHeader
{
    /// <summary>Where the elements start: one page, so they are page-aligned.</summary>
    public const int DataOffset = 4096;

    /// <summary>The most dimensions a payload may have (as .NET arrays).</summary>
    public const int MaxRank = 32;

    /// <summary>The header format this runtime writes and reads.</summary>
    public const ushort CurrentVersion = 1;

    private const int FixedLength = 72;
    private const ushort NullFlag = 1;

    /// <summary>The first 8 bytes of every raw payload: <c>MEMORAW</c> and a zero byte.</summary>
    public static ReadOnlySpan<byte> Magic => "MEMORAW\0"u8;

    /// <summary>Whether the value is null (a null array or a default <c>ImmutableArray</c>): no shape, no data.</summary>
    public required bool IsNull { get; init; }

    /// <summary>The element type.</summary>
    public required RawElement Element { get; init; }

    /// <summary>The length of each dimension (empty when <see cref="IsNull"/>).</summary>
    public required long[] Lengths { get; init; }

    /// <summary>The lower bound of each dimension (zeros but for arrays created with other bounds).</summary>
    public required long[] LowerBounds { get; init; }

    /// <summary>The number of elements: the product of <see cref="Lengths"/>.</summary>
    public long Count { get; init; }

    /// <summary>The length of the data in bytes: <see cref="Count"/> × the element size.</summary>
    public long DataLength => Count * Element.Size;

    /// <summary>The <see cref="BlockChecksum"/> of the data.</summary>
    public ulong DataChecksum { get; init; }

    /// <summary>The key hash of the entry the payload belongs to.</summary>
    public MemoHash128 KeyHash { get; init; }

    /// <summary>The length of the file: header and data.</summary>
    public long FileLength => DataOffset + DataLength;

    /// <summary>Writes the header into the first <see cref="DataOffset"/> bytes of <paramref name="page"/>, zero-padded.</summary>
    public void WriteTo(Span<byte> page)
    {
        page = page[..DataOffset];
        page.Clear();
        Magic.CopyTo(page);
        BinaryPrimitives.WriteUInt16LittleEndian(page[8..], CurrentVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(page[10..], IsNull ? NullFlag : (ushort)0);
        BinaryPrimitives.WriteUInt32LittleEndian(page[12..], DataOffset);
        page[16] = Element.Kind;
        page[17] = (byte)Lengths.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(page[20..], (uint)Element.Size);
        BinaryPrimitives.WriteUInt64LittleEndian(page[24..], Element.TypeId);
        BinaryPrimitives.WriteUInt64LittleEndian(page[32..], (ulong)Count);
        BinaryPrimitives.WriteUInt64LittleEndian(page[40..], (ulong)DataLength);
        BinaryPrimitives.WriteUInt64LittleEndian(page[48..], DataChecksum);
        BinaryPrimitives.WriteUInt64LittleEndian(page[56..], KeyHash.High);
        BinaryPrimitives.WriteUInt64LittleEndian(page[64..], KeyHash.Low);
        int at = FixedLength;
        foreach (long length in Lengths)
        {
            BinaryPrimitives.WriteInt64LittleEndian(page[at..], length);
            at += 8;
        }

        foreach (long bound in LowerBounds)
        {
            BinaryPrimitives.WriteInt64LittleEndian(page[at..], bound);
            at += 8;
        }

        BinaryPrimitives.WriteUInt64LittleEndian(page[at..], ShortXxh64.Hash(page[..at]));
    }

    /// <summary>
    /// Reads and checks a header: magic, version, its own checksum, that the shape multiplies out to the element
    /// count and the data fills the rest of a file of <paramref name="fileLength"/> bytes exactly, and that the element
    /// type and key are the expected ones. Throws <see cref="InvalidEntryException"/> otherwise.
    /// </summary>
    public static RawHeader Read(ReadOnlySpan<byte> page, long fileLength, RawElement expectedElement, MemoHash128 expectedKey)
    {
        if (page.Length < DataOffset || fileLength < DataOffset)
        {
            throw new InvalidEntryException("the raw payload is shorter than its header");
        }

        if (!page.StartsWith(Magic))
        {
            throw new InvalidEntryException("the raw payload does not start with MEMORAW");
        }

        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(page[8..]);
        int rank = page[17];
        if (version != CurrentVersion || rank > MaxRank)
        {
            throw new InvalidEntryException($"the raw payload has header version {version} and rank {rank}");
        }

        int checksumAt = FixedLength + (16 * rank);
        if (BinaryPrimitives.ReadUInt64LittleEndian(page[checksumAt..]) != ShortXxh64.Hash(page[..checksumAt]))
        {
            throw new InvalidEntryException("the raw payload's header checksum does not match");
        }

        bool isNull = (BinaryPrimitives.ReadUInt16LittleEndian(page[10..]) & NullFlag) != 0;
        var element = new RawElement(
            page[16], (int)BinaryPrimitives.ReadUInt32LittleEndian(page[20..]), BinaryPrimitives.ReadUInt64LittleEndian(page[24..]), expectedElement.Name);
        if (element.Kind != expectedElement.Kind || element.Size != expectedElement.Size || element.TypeId != expectedElement.TypeId)
        {
            throw new InvalidEntryException($"the raw payload holds other elements than {expectedElement.Name}");
        }

        var key = new MemoHash128(BinaryPrimitives.ReadUInt64LittleEndian(page[56..]), BinaryPrimitives.ReadUInt64LittleEndian(page[64..]));
        if (key != expectedKey)
        {
            throw new InvalidEntryException("the raw payload belongs to another key");
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(page[12..]) != DataOffset)
        {
            throw new InvalidEntryException("the raw payload's data does not start at 4096");
        }

        var lengths = new long[rank];
        var lowerBounds = new long[rank];
        long count = isNull ? 0 : 1;
        for (int i = 0; i < rank; i++)
        {
            lengths[i] = BinaryPrimitives.ReadInt64LittleEndian(page[(FixedLength + (8 * i))..]);
            lowerBounds[i] = BinaryPrimitives.ReadInt64LittleEndian(page[(FixedLength + (8 * (rank + i)))..]);
            if (lengths[i] < 0 || lengths[i] > int.MaxValue || lowerBounds[i] < int.MinValue || lowerBounds[i] > int.MaxValue)
            {
                throw new InvalidEntryException("the raw payload has an impossible dimension");
            }

            count = checked(count * lengths[i]);
        }

        long declaredCount = (long)BinaryPrimitives.ReadUInt64LittleEndian(page[32..]);
        long declaredLength = (long)BinaryPrimitives.ReadUInt64LittleEndian(page[40..]);
        if ((isNull && rank != 0) || declaredCount != count || declaredLength != checked(count * element.Size)
            || declaredLength != fileLength - DataOffset)
        {
            throw new InvalidEntryException(
                $"the raw payload declares {declaredCount} elements ({declaredLength} bytes) in a file of {fileLength} bytes");
        }

        return new RawHeader
        {
            IsNull = isNull,
            Element = element,
            Lengths = lengths,
            LowerBounds = lowerBounds,
            Count = count,
            DataChecksum = BinaryPrimitives.ReadUInt64LittleEndian(page[48..]),
            KeyHash = key,
        };
    }

    /// <summary>The shape for people: <c>double[1000,3]</c>, or <c>double[] null</c>.</summary>
    public string Describe() => IsNull ? $"{Element.Name}[] null" : $"{Element.Name}[{string.Join(',', Lengths)}]";
}
