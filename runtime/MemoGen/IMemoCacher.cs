namespace MemoGen;

/// <summary>
/// Saves and loads one function's values in files of its own making, curifactory style: for values no serializer
/// handles well, such as a model that needs two files. Register it with <see cref="MemoOptions.UseCacher{T}"/>.
/// </summary>
/// <remarks>
/// <para>
/// The store gives each write a fresh <c>path</c> inside the entry's folder. <see cref="Save"/> writes that file and
/// may write others whose names start with <c>path</c> (such as <c>path + "_model"</c>); the store then checksums and
/// flushes them all and commits the entry. <see cref="Load"/> gets the same <c>path</c> after the store has verified
/// every file's length and checksum. An exception from either is logged, never thrown at the caller: the value is
/// computed (or kept in memory) instead.
/// </para>
/// <para>
/// An attribute form (<c>[Memoize(Cacher = typeof(...))]</c>) would need the generator to pass the type on; the
/// run-time registration works for every method today.
/// </para>
/// </remarks>
/// <typeparam name="T">The function's result type.</typeparam>
public interface IMemoCacher<T>
{
    /// <summary>Writes <paramref name="value"/> to <paramref name="path"/> and, if needed, to files whose names start with it.</summary>
    void Save(string path, T value);

    /// <summary>Reads back what <see cref="Save"/> wrote at <paramref name="path"/>.</summary>
    T Load(string path);
}
