namespace MemoGen.Generator;

/// <summary>The built-in tags of <c>Memoize.Tags</c> (DESIGN §4).</summary>
internal static class KnownTags
{
    public const string Disk = "disk";
    public const string Lazy = "lazy";

    public static bool IsKnown(string tag) => tag is Disk or Lazy;

    /// <summary>Whether the tag writes results to the disk store.</summary>
    public static bool Stores(string tag) => tag is Disk or Lazy;
}
