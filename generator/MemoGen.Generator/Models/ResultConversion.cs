namespace MemoGen.Generator.Models;

/// <summary>How the implementation's result becomes the immutable type the memoized method declares (DESIGN §3).</summary>
internal enum ResultConversion
{
    /// <summary>The implementation already returns the declared type (or one implicitly converted to it).</summary>
    None,
    ArrayToImmutableArray,
    ArrayToReadOnlyMemory,
    ArrayToReadOnlyList,
    ListToReadOnlyList,
    ListToImmutableList,
    DictionaryToFrozenDictionary,
    DictionaryToReadOnlyDictionary,
    HashSetToFrozenSet,
    AsImmutable,
}
