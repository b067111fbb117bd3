namespace MemoGen.Generator.Models;

/// <summary>One parameter of a memoized method.</summary>
/// <param name="Name">The name as written in code (with <c>@</c> where it is a keyword).</param>
/// <param name="Type">The type, <c>global::</c>-qualified with nullable annotations.</param>
/// <param name="Role">What it is to the cache.</param>
/// <param name="Shape">How it is hashed, for <see cref="ParameterRole.Key"/> parameters.</param>
internal sealed record ParameterModel(string Name, string Type, ParameterRole Role, ValueShape? Shape)
{
    /// <summary>The name without a leading <c>@</c>, for generated identifiers and call descriptions.</summary>
    public string PlainName => Name.TrimStart('@');
}
