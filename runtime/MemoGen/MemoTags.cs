namespace MemoGen;

/// <summary>The policy tags MemoGen knows (<see cref="MemoizeAttribute.Tags"/>).</summary>
public static class MemoTags
{
    /// <summary>Keep results in the disk store too (when the context has one), and read them back on a memory miss.</summary>
    public const string Disk = "disk";

    /// <summary>
    /// Write results to the disk store and keep only a weak handle in memory: a later call gets the result back while
    /// something else holds it, and reloads it from disk once it has been collected (curifactory's <c>Lazy</c>).
    /// Without a disk store, results are kept in memory as usual.
    /// </summary>
    public const string Lazy = "lazy";
}
