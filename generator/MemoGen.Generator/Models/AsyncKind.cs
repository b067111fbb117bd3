namespace MemoGen.Generator.Models;

/// <summary>Whether a method's result is awaited, and through which type.</summary>
internal enum AsyncKind
{
    None,
    Task,
    ValueTask,
}
