namespace MemoGen;

/// <summary>
/// Saves and loads one function's values in files of its own making, curifactory style: for values no serializer
/// handles well, such as a model that needs two files. Name it on the method with
/// <see cref="MemoizeAttribute.Cacher"/>, or register it at run time with <see cref="MemoOptions.UseCacher{T}"/>.
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
/// With <c>[Memoize(Cacher = typeof(ModelCacher))]</c> the generated code creates one instance of the type for the
/// method; a cacher registered with <see cref="MemoOptions.UseCacher{T}"/> for the same cache name takes precedence.
/// Either way, values are written only for methods tagged <c>"disk"</c> or <c>"lazy"</c> in a context with a
/// <see cref="MemoOptions.CacheDirectory"/>. One instance serves every context, possibly from several threads at once.
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
