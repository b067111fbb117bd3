namespace MemoGen.Generator.Models;

/// <summary>What the parser made of one <c>[Memoize]</c> method: an implementation, a stub, or (both null) nothing.</summary>
internal sealed record ParseResult(MethodModel? Method, StubModel? Stub)
{
    public static ParseResult Nothing { get; } = new(null, null);
}
