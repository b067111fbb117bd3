using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace MemoGen.Generator.Diagnostics;

/// <summary>
/// Every diagnostic MemoGen reports. Only the analyzer reports them; the generator skips what it cannot implement.
/// Each ID has a help page at <c>docs/diagnostics/MEMOxxx.md</c>; descriptors carry no help link until the project has a
/// public home to link to.
/// </summary>
internal static class DiagnosticDescriptors
{
    public const string Category = "MemoGen.Usage";

    /// <summary>Format: <c>Parameter '{0}' of '{1}' has type '{2}', which cannot be part of a cache key{3}; {4}</c>.</summary>
    public static readonly DiagnosticDescriptor UnhashableParameter = new(
        DiagnosticIds.UnhashableParameter,
        "Parameter type cannot be hashed",
        "Parameter '{0}' of '{1}' has type '{2}', which cannot be part of a cache key{3}; {4}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Every parameter of a memoized method is part of its cache key, so its type must be hashable: a primitive, string, enum, "
        + "array or read-only list of hashable elements, tuple, record of hashable members, or a type implementing IMemoHashable.");

    /// <summary>Format: <c>Parameter '{0}' of '{1}' is {2}, and a memoized method takes its arguments by value; {3}</c>.</summary>
    public static readonly DiagnosticDescriptor ByReferenceParameter = new(
        DiagnosticIds.ByReferenceParameter,
        "Parameter must be passed by value",
        "Parameter '{0}' of '{1}' is {2}, and a memoized method takes its arguments by value; {3}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A memoized method keeps its arguments as a cache key and may answer without running, so it cannot take ref, out, in, "
        + "params or pointer parameters.");

    /// <summary>Format: <c>'{0}' returns '{1}', so there is nothing to cache; {2}</c>.</summary>
    public static readonly DiagnosticDescriptor NoResult = new(
        DiagnosticIds.NoResult,
        "Memoized method has no result",
        "'{0}' returns '{1}', so there is nothing to cache; {2}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A memoized method caches its result, so it must return one: void, Task and ValueTask have nothing to cache.");

    /// <summary>Format: <c>The {0} '{1}' must be partial so that MemoGen can implement '{2}'; add the 'partial' modifier to it</c>.</summary>
    public static readonly DiagnosticDescriptor NotPartial = new(
        DiagnosticIds.NotPartial,
        "Memoized method and its containing types must be partial",
        "The {0} '{1}' must be partial so that MemoGen can implement '{2}'; add the 'partial' modifier to it",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "MemoGen implements a memoized method in a generated part of its type, so the method and every type containing it must be partial.");

    /// <summary>Format: <c>'{0}' already has a body, but MemoGen writes the body of a memoized method; move the body into '{1}' and leave '{0}' a declaration ending in ';'</c>.</summary>
    public static readonly DiagnosticDescriptor AlreadyImplemented = new(
        DiagnosticIds.AlreadyImplemented,
        "Memoized method already has an implementation",
        "'{0}' already has a body, but MemoGen writes the body of a memoized method; move the body into '{1}' and leave '{0}' a declaration ending in ';'",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "MemoGen implements the partial method itself; the computation belongs in the method named after it with the suffix Core.");

    /// <summary>Format: <c>'{0}' has no implementation to call when a result is not cached; add the method '{1}'</c>.</summary>
    public static readonly DiagnosticDescriptor MissingCore = new(
        DiagnosticIds.MissingCore,
        "Implementation method is missing",
        "'{0}' has no implementation to call when a result is not cached; add the method '{1}'",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A memoized method computes its results by calling the method of the same name with the suffix Core and the same parameters.");

    /// <summary>Format: <c>'{0}' does not fit '{1}': {2}</c>.</summary>
    public static readonly DiagnosticDescriptor CoreDoesNotFit = new(
        DiagnosticIds.CoreDoesNotFit,
        "Implementation method does not fit",
        "'{0}' does not fit '{1}': {2}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The Core method must take the same parameters as the memoized method, be static exactly when it is, not be generic, "
        + "and return its result type or one MemoGen converts to it.");

    /// <summary>Format: <c>The result type '{1}' of '{0}' can be changed by its callers, but a cached result is shared by every caller; return {2} instead</c>.</summary>
    public static readonly DiagnosticDescriptor MutableResult = new(
        DiagnosticIds.MutableResult,
        "Memoized result type is mutable",
        "The result type '{1}' of '{0}' can be changed by its callers, but a cached result is shared by every caller; return {2} instead",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Every caller of a memoized method receives the same cached result, so its type must be immutable.");

    /// <summary>Format: <c>The cache name '{0}' of '{1}' is also used by {2}, so the two would share one cache; give one of them another Name in [Memoize(Name = ...)]</c>.</summary>
    public static readonly DiagnosticDescriptor DuplicateName = new(
        DiagnosticIds.DuplicateName,
        "Cache name is used twice",
        "The cache name '{0}' of '{1}' is also used by {2}, so the two would share one cache; give one of them another Name in [Memoize(Name = ...)]",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Each memoized method of an assembly needs its own cache name: it names the method's cache and its folder on disk. "
        + "Names are compared ignoring case, as folders are on Windows and macOS.",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>Format: <c>The cache name '{0}' of '{1}' cannot be a folder name because {2}; choose a Name made of letters, digits, '_', '-' and '.'</c>.</summary>
    public static readonly DiagnosticDescriptor UnsafeName = new(
        DiagnosticIds.UnsafeName,
        "Cache name is not a safe folder name",
        "The cache name '{0}' of '{1}' cannot be a folder name because {2}; choose a Name made of letters, digits, '_', '-' and '.'",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The disk store keeps each memoized method's entries in a folder named after its cache name, so the name must be a valid folder name on Windows, Linux and macOS.");

    /// <summary>Format: <c>'{0}' has no MemoContext to keep its results in; {1}</c>.</summary>
    public static readonly DiagnosticDescriptor NoContext = new(
        DiagnosticIds.NoContext,
        "Memoized method has no context",
        "'{0}' has no MemoContext to keep its results in; {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A memoized method keeps its results in a MemoContext: either the method is an instance method of a MemoContext subclass, or its first parameter is a MemoContext.");

    /// <summary>Format: <c>'this' is part of the key of '{0}', but '{1}' cannot be hashed{2}; make '{1}' a record of hashable members or implement IMemoHashable on it, or make '{0}' static</c>.</summary>
    public static readonly DiagnosticDescriptor UnhashableOwner = new(
        DiagnosticIds.UnhashableOwner,
        "Containing type cannot be part of the key",
        "'this' is part of the key of '{0}', but '{1}' cannot be hashed{2}; make '{1}' a record of hashable members or implement IMemoHashable on it, or make '{0}' static",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "An instance method outside a MemoContext with a context parameter caches one result per instance, so its containing type must be hashable.");

    /// <summary>Format: <c>'{0}' is tagged '{1}', but its result type '{2}' cannot be written to disk and read back because {3}; {4}</c>.</summary>
    public static readonly DiagnosticDescriptor NoSerializer = new(
        DiagnosticIds.NoSerializer,
        "Result type cannot be stored",
        "'{0}' is tagged '{1}', but its result type '{2}' cannot be written to disk and read back because {3}; {4}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Results tagged disk or lazy are written to the disk store: arrays of primitives raw, everything else with System.Text.Json, "
        + "which needs concrete types it can create again.");

    /// <summary>Format: <c>'{0}' has the tag '{1}', which is not a built-in policy ('disk', 'lazy'); check its spelling, or suppress this warning if the tag selects a policy of your own</c>.</summary>
    public static readonly DiagnosticDescriptor UnknownTag = new(
        DiagnosticIds.UnknownTag,
        "Unknown tag",
        "'{0}' has the tag '{1}', which is not a built-in policy ('disk', 'lazy'); check its spelling, or suppress this warning if the tag selects a policy of your own",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Tags select caching policies; the built-in ones are disk and lazy.");

    /// <summary>Format: <c>'{0}' is generic, which memoized methods cannot be; put the type parameter on the containing type instead</c>.</summary>
    public static readonly DiagnosticDescriptor GenericMethod = new(
        DiagnosticIds.GenericMethod,
        "Memoized method cannot be generic",
        "'{0}' is generic, which memoized methods cannot be; put the type parameter on the containing type instead",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "MemoGen emits one cache and one key type per memoized method, so the method cannot have type parameters of its own.");

    /// <summary>Format: <c>'{0}' is declared in {1}, which cannot hold the members MemoGen generates; declare it in a partial class, struct or record</c>.</summary>
    public static readonly DiagnosticDescriptor InvalidContainer = new(
        DiagnosticIds.InvalidContainer,
        "Memoized method is not in a class or struct",
        "'{0}' is declared in {1}, which cannot hold the members MemoGen generates; declare it in a partial class, struct or record",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "MemoGen adds a cache field, a key type and a handle beside a memoized method, which an interface cannot hold.");

    /// <summary>Format: <c>Parameter '{0}' of '{1}' begins with two underscores, which MemoGen reserves for the names in the code it generates; rename the parameter</c>.</summary>
    public static readonly DiagnosticDescriptor ReservedParameterName = new(
        DiagnosticIds.ReservedParameterName,
        "Parameter name begins with two underscores",
        "Parameter '{0}' of '{1}' begins with two underscores, which MemoGen reserves for the names in the code it generates; rename the parameter",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The body MemoGen generates for a memoized method declares locals, a local function and members whose names begin with two underscores, "
        + "and passes every parameter in beside them, so a parameter named that way could collide with them.");

    /// <summary>Format: <c>The cacher '{1}' of '{0}' {2}; name a class or struct with a public parameterless constructor that implements IMemoCacher&lt;{3}&gt;</c>.</summary>
    public static readonly DiagnosticDescriptor CacherDoesNotFit = new(
        DiagnosticIds.CacherDoesNotFit,
        "Cacher type does not fit",
        "The cacher '{1}' of '{0}' {2}; name a class or struct with a public parameterless constructor that implements IMemoCacher<{3}>",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The generated code creates the type named by Cacher once, with its public parameterless constructor, and hands it the method's "
        + "cached values (the result, or the awaited value of an asynchronous method), so it must be a class or struct that can be created and that "
        + "implements IMemoCacher<T> for that type.");

    /// <summary>Format: <c>'{0}' names the cacher '{1}' but has neither the 'disk' nor the 'lazy' tag, so nothing is ever written through it; add one of them, or remove Cacher</c>.</summary>
    public static readonly DiagnosticDescriptor UnusedCacher = new(
        DiagnosticIds.UnusedCacher,
        "Cacher is never used",
        "'{0}' names the cacher '{1}' but has neither the 'disk' nor the 'lazy' tag, so nothing is ever written through it; add one of them, or remove Cacher",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A cacher writes and reads a method's values in the disk store, which only methods tagged disk or lazy use.");

    /// <summary>Format: <c>Parameter '{0}' of '{1}' is kept in the cache key by reference, but '{2}' can be changed after the call ({3}); {4}</c>.</summary>
    public static readonly DiagnosticDescriptor SettableKeyRecord = new(
        DiagnosticIds.SettableKeyRecord,
        "Key record has settable state",
        "Parameter '{0}' of '{1}' is kept in the cache key by reference, but '{2}' can be changed after the call ({3}); {4}",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A record argument is kept in the in-memory cache key as it is, compared by its own equality. A caller that changes it after "
        + "the call changes the key inside the cache: the entry can no longer be found, IsCached and Invalidate miss it, and it leaks. "
        + "Give the record init-only properties and readonly fields, leave the parameter out of the key, or hash it yourself with IMemoHashable.");

    /// <summary>Format: <c>The code version of '{0}' cannot see what runs behind {1}; ...</c>. Reported by the code-version analyzer.</summary>
    public static readonly DiagnosticDescriptor UnseenDependency = new(
        DiagnosticIds.UnseenDependency,
        "Code version cannot see a dependency",
        "The code version of '{0}' cannot see what runs behind {1}; when that code changes, bump [Memoize(Version = ...)] so that cached results are recomputed",
        Category,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "A memoized method's code version covers its implementation and everything it calls in this compilation. A delegate it is "
        + "handed, or code it runs by reflection, is chosen at run time, so an edit there does not invalidate cached results.");

    public static readonly ImmutableArray<DiagnosticDescriptor> All =
    [
        UnhashableParameter, ByReferenceParameter, NoResult, NotPartial, AlreadyImplemented, MissingCore, CoreDoesNotFit, MutableResult,
        DuplicateName, UnsafeName, NoContext, UnhashableOwner, NoSerializer, UnknownTag, GenericMethod, InvalidContainer,
        ReservedParameterName, CacherDoesNotFit, UnusedCacher, SettableKeyRecord, UnseenDependency,
    ];

    /// <summary>What <see cref="MemoizeAnalyzer"/> reports: all but the code-version diagnostic, which has its own analyzer.</summary>
    public static readonly ImmutableArray<DiagnosticDescriptor> ReportedByMemoizeAnalyzer = All.Remove(UnseenDependency);
}
