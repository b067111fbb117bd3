namespace MemoGen.Generator;

/// <summary>Metadata names the generator recognises.</summary>
internal static class KnownTypes
{
    public const string MemoizeAttribute = "MemoGen.MemoizeAttribute";
    public const string MemoIgnoreAttribute = "MemoGen.MemoIgnoreAttribute";
    public const string MemoContext = "MemoGen.MemoContext";
    public const string MemoHashable = "MemoGen.IMemoHashable";
    public const string AsImmutable = "MemoGen.IAsImmutable`1";
    public const string MemoCacher = "MemoGen.IMemoCacher`1";

    public const string Task = "System.Threading.Tasks.Task`1";
    public const string ValueTask = "System.Threading.Tasks.ValueTask`1";
    public const string CancellationToken = "System.Threading.CancellationToken";
    public const string Progress = "System.IProgress`1";
    public const string Logger = "Microsoft.Extensions.Logging.ILogger";
    public const string LoggerOfT = "Microsoft.Extensions.Logging.ILogger`1";

    public const string ReadOnlyMemory = "System.ReadOnlyMemory`1";
    public const string ImmutableArray = "System.Collections.Immutable.ImmutableArray`1";
    public const string ImmutableList = "System.Collections.Immutable.ImmutableList`1";
    public const string ReadOnlyList = "System.Collections.Generic.IReadOnlyList`1";
    public const string ReadOnlyCollection = "System.Collections.Generic.IReadOnlyCollection`1";
    public const string Enumerable = "System.Collections.Generic.IEnumerable`1";
    public const string ReadOnlyDictionary = "System.Collections.Generic.IReadOnlyDictionary`2";
    public const string ReadOnlySet = "System.Collections.Generic.IReadOnlySet`1";
    public const string FrozenDictionary = "System.Collections.Frozen.FrozenDictionary`2";
    public const string FrozenSet = "System.Collections.Frozen.FrozenSet`1";
    public const string List = "System.Collections.Generic.List`1";
    public const string Dictionary = "System.Collections.Generic.Dictionary`2";
    public const string HashSet = "System.Collections.Generic.HashSet`1";
}
