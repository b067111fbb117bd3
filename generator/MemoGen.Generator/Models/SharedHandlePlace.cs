namespace MemoGen.Generator.Models;

/// <summary>Where a method's shared handle is declared (<c>MemoGen.Handles.g.cs</c>).</summary>
/// <param name="Class">The compilation's class of shared handles, <c>global::</c>-qualified.</param>
/// <param name="IsPublic">Whether every type in the handle's signatures is public, and so the handle.</param>
internal sealed record SharedHandlePlace(string Class, bool IsPublic);

/// <summary>A shared handle's declaration, the same text for every method of its call shape.</summary>
/// <param name="Class">The compilation's class of shared handles, <c>global::</c>-qualified.</param>
/// <param name="Name">The struct's name, made of its parameters' names and a hash of its text.</param>
/// <param name="Declaration">The struct, as written at the class's indentation.</param>
internal sealed record SharedHandleModel(MethodModel View, string Class, string Name, string Declaration);
