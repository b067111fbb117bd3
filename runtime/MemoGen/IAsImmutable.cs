namespace MemoGen;

/// <summary>
/// Lets an implementation return a mutable builder type that MemoGen turns into the immutable
/// <typeparamref name="T"/> the memoized method declares.
/// </summary>
public interface IAsImmutable<out T>
{
    /// <summary>Returns an immutable view or copy of this value.</summary>
    T AsImmutable();
}
