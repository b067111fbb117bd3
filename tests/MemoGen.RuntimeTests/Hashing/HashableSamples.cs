namespace MemoGen.RuntimeTests.Hashing;

internal readonly struct HashableStruct(int value) : IMemoHashable
{
    public void WriteMemoHash(ref MemoHasher hasher) => hasher.Write(value);
}

internal sealed class HashableClass(string name) : IMemoHashable
{
    public void WriteMemoHash(ref MemoHasher hasher) => hasher.Write(name);
}
