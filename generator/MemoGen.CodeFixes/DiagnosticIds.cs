namespace MemoGen.CodeFixes;

/// <summary>
/// The IDs of the diagnostics these code fixes repair. They are the IDs of the analyzer's descriptors; they are repeated
/// here rather than referenced so that the code fixes assembly does not load the generator assembly.
/// </summary>
internal static class DiagnosticIds
{
    /// <summary>A parameter's type cannot be part of a key.</summary>
    public const string UnhashableParameter = "MEMO001";

    /// <summary>The memoized method, or a type that contains it, is not <c>partial</c>.</summary>
    public const string NotPartial = "MEMO004";

    /// <summary>The implementation method <c>&lt;Method&gt;Core</c> is missing.</summary>
    public const string MissingCore = "MEMO006";

    /// <summary>The memoized method is declared to return a mutable type.</summary>
    public const string MutableResult = "MEMO008";
}
