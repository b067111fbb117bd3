namespace MemoGen.Generator.Models;

/// <summary>What a parameter is to the cache.</summary>
internal enum ParameterRole
{
    /// <summary>Part of the cache key.</summary>
    Key,

    /// <summary>The context that holds the results; not part of the key.</summary>
    Context,

    /// <summary>Passed to the implementation but left out of the key (<c>[MemoIgnore]</c>, <c>IProgress&lt;T&gt;</c>, <c>ILogger</c>).</summary>
    Ignored,

    /// <summary>Left out of the key; for async methods the implementation receives the shared computation's token instead.</summary>
    CancellationToken,
}
