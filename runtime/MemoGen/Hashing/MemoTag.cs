namespace MemoGen.Hashing;

/// <summary>
/// The type tags of the canonical key encoding: the byte written before each value. A fixed table, specified in
/// docs/key-hash.md; changing a value changes every stable key hash and needs a format version bump.
/// </summary>
internal static class MemoTag
{
    internal const byte Null = 0x00;
    internal const byte Boolean = 0x01;
    internal const byte SByte = 0x02;
    internal const byte Byte = 0x03;
    internal const byte Int16 = 0x04;
    internal const byte UInt16 = 0x05;
    internal const byte Int32 = 0x06;
    internal const byte UInt32 = 0x07;
    internal const byte Int64 = 0x08;
    internal const byte UInt64 = 0x09;
    internal const byte Char = 0x0A;
    internal const byte Single = 0x0B;
    internal const byte Double = 0x0C;
    internal const byte Decimal = 0x0D;
    internal const byte String = 0x0E;
    internal const byte DateTime = 0x11;
    internal const byte DateTimeOffset = 0x12;
    internal const byte TimeSpan = 0x13;
    internal const byte Guid = 0x14;
    internal const byte DateOnly = 0x15;
    internal const byte TimeOnly = 0x16;
    internal const byte PrimitiveArray = 0x20;
    internal const byte Sequence = 0x21;
    internal const byte ProducedArray = 0x22;
    internal const byte Composite = 0x30;
    internal const byte Tuple = 0x31;
    internal const byte Hashable = 0x40;
    internal const byte Digest = 0x50;
}
