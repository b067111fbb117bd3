namespace MemoGen.Generator.Models;

/// <summary>A type the memoized method is nested in, re-opened as <c>partial</c> by the generated file.</summary>
/// <param name="Keyword">class, struct, record, record struct or interface.</param>
/// <param name="Name">The name with its type parameters, such as <c>Grid&lt;T&gt;</c>.</param>
internal sealed record ContainingTypeModel(string Keyword, string Name);
