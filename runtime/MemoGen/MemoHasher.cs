namespace MemoGen;

/// <summary>
/// Temporary placeholder for the stable key hasher, so that <see cref="Infrastructure.IMemoKey{TSelf}"/> compiles on
/// this branch. The hashing branch replaces it with the real implementation.
/// </summary>
public ref struct MemoHasher
{
}
