using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace MemoGen.Generator.Diagnostics;

/// <summary>
/// Every diagnostic MemoGen reports. Only the analyzer reports them; the generator skips what it cannot implement.
/// Each ID has a help page at <c>docs/diagnostics/MEMOxxx.md</c>.
/// </summary>
internal static class DiagnosticDescriptors
{
    public const string Category = "MemoGen.Usage";

    public const string UnhashableParameterId = "MEMO001";
    public const string ByReferenceParameterId = "MEMO002";
    public const string NoResultId = "MEMO003";
    public const string NotPartialId = "MEMO004";
    public const string AlreadyImplementedId = "MEMO005";
    public const string MissingCoreId = "MEMO006";
    public const string CoreDoesNotFitId = "MEMO007";
    public const string MutableResultId = "MEMO008";
    public const string DuplicateNameId = "MEMO009";
    public const string UnsafeNameId = "MEMO010";
    public const string NoContextId = "MEMO011";
    public const string UnhashableOwnerId = "MEMO012";
    public const string NoSerializerId = "MEMO013";
    public const string UnknownTagId = "MEMO014";
    public const string GenericMethodId = "MEMO015";
    public const string InvalidContainerId = "MEMO016";
    public const string ReservedParameterNameId = "MEMO017";
    public const string CacherDoesNotFitId = "MEMO018";
    public const string UnusedCacherId = "MEMO019";

    /// <summary>The property of a MEMO008 diagnostic that holds the suggested return type, <c>global::</c>-qualified.</summary>
    public const string SuggestedReturnTypeProperty = "SuggestedReturnType";

    /// <summary>The property of a MEMO006 diagnostic that holds the declaration of the missing implementation, without a body.</summary>
    public const string CoreSignatureProperty = "CoreSignature";

    /// <summary>Format: <c>Parameter '{0}' of '{1}' has type '{2}', which cannot be part of a cache key{3}; {4}</c>.</summary>
    public static readonly DiagnosticDescriptor UnhashableParameter = new(
        UnhashableParameterId,
        "Parameter type cannot be hashed",
        "Parameter '{0}' of '{1}' has type '{2}', which cannot be part of a cache key{3}; {4}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Every parameter of a memoized method is part of its cache key, so its type must be hashable: a primitive, string, enum, "
        + "array or read-only list of hashable elements, tuple, record of hashable members, or a type implementing IMemoHashable.",
        helpLinkUri: HelpLink(UnhashableParameterId));

    /// <summary>Format: <c>Parameter '{0}' of '{1}' is {2}, and a memoized method takes its arguments by value; {3}</c>.</summary>
    public static readonly DiagnosticDescriptor ByReferenceParameter = new(
        ByReferenceParameterId,
        "Parameter must be passed by value",
        "Parameter '{0}' of '{1}' is {2}, and a memoized method takes its arguments by value; {3}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A memoized method keeps its arguments as a cache key and may answer without running, so it cannot take ref, out, in, "
        + "params or pointer parameters.",
        helpLinkUri: HelpLink(ByReferenceParameterId));

    /// <summary>Format: <c>'{0}' returns '{1}', so there is nothing to cache; {2}</c>.</summary>
    public static readonly DiagnosticDescriptor NoResult = new(
        NoResultId,
        "Memoized method has no result",
        "'{0}' returns '{1}', so there is nothing to cache; {2}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A memoized method caches its result, so it must return one: void, Task and ValueTask have nothing to cache.",
        helpLinkUri: HelpLink(NoResultId));

    /// <summary>Format: <c>The {0} '{1}' must be partial so that MemoGen can implement '{2}'; add the 'partial' modifier to it</c>.</summary>
    public static readonly DiagnosticDescriptor NotPartial = new(
        NotPartialId,
        "Memoized method and its containing types must be partial",
        "The {0} '{1}' must be partial so that MemoGen can implement '{2}'; add the 'partial' modifier to it",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "MemoGen implements a memoized method in a generated part of its type, so the method and every type containing it must be partial.",
        helpLinkUri: HelpLink(NotPartialId));

    /// <summary>Format: <c>'{0}' already has a body, but MemoGen writes the body of a memoized method; move the body into '{1}' and leave '{0}' a declaration ending in ';'</c>.</summary>
    public static readonly DiagnosticDescriptor AlreadyImplemented = new(
        AlreadyImplementedId,
        "Memoized method already has an implementation",
        "'{0}' already has a body, but MemoGen writes the body of a memoized method; move the body into '{1}' and leave '{0}' a declaration ending in ';'",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "MemoGen implements the partial method itself; the computation belongs in the method named after it with the suffix Core.",
        helpLinkUri: HelpLink(AlreadyImplementedId));

    /// <summary>Format: <c>'{0}' has no implementation to call when a result is not cached; add the method '{1}'</c>.</summary>
    public static readonly DiagnosticDescriptor MissingCore = new(
        MissingCoreId,
        "Implementation method is missing",
        "'{0}' has no implementation to call when a result is not cached; add the method '{1}'",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A memoized method computes its results by calling the method of the same name with the suffix Core and the same parameters.",
        helpLinkUri: HelpLink(MissingCoreId));

    /// <summary>Format: <c>'{0}' does not fit '{1}': {2}</c>.</summary>
    public static readonly DiagnosticDescriptor CoreDoesNotFit = new(
        CoreDoesNotFitId,
        "Implementation method does not fit",
        "'{0}' does not fit '{1}': {2}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The Core method must take the same parameters as the memoized method, be static exactly when it is, not be generic, "
        + "and return its result type or one MemoGen converts to it.",
        helpLinkUri: HelpLink(CoreDoesNotFitId));

    /// <summary>Format: <c>The result type '{1}' of '{0}' can be changed by its callers, but a cached result is shared by every caller; return {2} instead</c>.</summary>
    public static readonly DiagnosticDescriptor MutableResult = new(
        MutableResultId,
        "Memoized result type is mutable",
        "The result type '{1}' of '{0}' can be changed by its callers, but a cached result is shared by every caller; return {2} instead",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Every caller of a memoized method receives the same cached result, so its type must be immutable.",
        helpLinkUri: HelpLink(MutableResultId));

    /// <summary>Format: <c>The cache name '{0}' of '{1}' is also used by {2}, so the two would share one cache; give one of them another Name in [Memoize(Name = ...)]</c>.</summary>
    public static readonly DiagnosticDescriptor DuplicateName = new(
        DuplicateNameId,
        "Cache name is used twice",
        "The cache name '{0}' of '{1}' is also used by {2}, so the two would share one cache; give one of them another Name in [Memoize(Name = ...)]",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Each memoized method of an assembly needs its own cache name: it names the method's cache and its folder on disk. "
        + "Names are compared ignoring case, as folders are on Windows and macOS.",
        helpLinkUri: HelpLink(DuplicateNameId),
        WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>Format: <c>The cache name '{0}' of '{1}' cannot be a folder name because {2}; choose a Name made of letters, digits, '_', '-' and '.'</c>.</summary>
    public static readonly DiagnosticDescriptor UnsafeName = new(
        UnsafeNameId,
        "Cache name is not a safe folder name",
        "The cache name '{0}' of '{1}' cannot be a folder name because {2}; choose a Name made of letters, digits, '_', '-' and '.'",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The disk store keeps each memoized method's entries in a folder named after its cache name, so the name must be a valid folder name on Windows, Linux and macOS.",
        helpLinkUri: HelpLink(UnsafeNameId));

    /// <summary>Format: <c>'{0}' has no MemoContext to keep its results in; {1}</c>.</summary>
    public static readonly DiagnosticDescriptor NoContext = new(
        NoContextId,
        "Memoized method has no context",
        "'{0}' has no MemoContext to keep its results in; {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A memoized method keeps its results in a MemoContext: either the method is an instance method of a MemoContext subclass, or its first parameter is a MemoContext.",
        helpLinkUri: HelpLink(NoContextId));

    /// <summary>Format: <c>'this' is part of the key of '{0}', but '{1}' cannot be hashed{2}; make '{1}' a record of hashable members or implement IMemoHashable on it, or make '{0}' static</c>.</summary>
    public static readonly DiagnosticDescriptor UnhashableOwner = new(
        UnhashableOwnerId,
        "Containing type cannot be part of the key",
        "'this' is part of the key of '{0}', but '{1}' cannot be hashed{2}; make '{1}' a record of hashable members or implement IMemoHashable on it, or make '{0}' static",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "An instance method outside a MemoContext with a context parameter caches one result per instance, so its containing type must be hashable.",
        helpLinkUri: HelpLink(UnhashableOwnerId));

    /// <summary>Format: <c>'{0}' is tagged '{1}', but its result type '{2}' cannot be written to disk and read back because {3}; {4}</c>.</summary>
    public static readonly DiagnosticDescriptor NoSerializer = new(
        NoSerializerId,
        "Result type cannot be stored",
        "'{0}' is tagged '{1}', but its result type '{2}' cannot be written to disk and read back because {3}; {4}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Results tagged disk or lazy are written to the disk store: arrays of primitives raw, everything else with System.Text.Json, "
        + "which needs concrete types it can create again.",
        helpLinkUri: HelpLink(NoSerializerId));

    /// <summary>Format: <c>'{0}' has the tag '{1}', which is not a built-in policy ('disk', 'lazy'); check its spelling, or suppress this warning if the tag selects a policy of your own</c>.</summary>
    public static readonly DiagnosticDescriptor UnknownTag = new(
        UnknownTagId,
        "Unknown tag",
        "'{0}' has the tag '{1}', which is not a built-in policy ('disk', 'lazy'); check its spelling, or suppress this warning if the tag selects a policy of your own",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Tags select caching policies; the built-in ones are disk and lazy.",
        helpLinkUri: HelpLink(UnknownTagId));

    /// <summary>Format: <c>'{0}' is generic, which memoized methods cannot be; put the type parameter on the containing type instead</c>.</summary>
    public static readonly DiagnosticDescriptor GenericMethod = new(
        GenericMethodId,
        "Memoized method cannot be generic",
        "'{0}' is generic, which memoized methods cannot be; put the type parameter on the containing type instead",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "MemoGen emits one cache and one key type per memoized method, so the method cannot have type parameters of its own.",
        helpLinkUri: HelpLink(GenericMethodId));

    /// <summary>Format: <c>'{0}' is declared in {1}, which cannot hold the members MemoGen generates; declare it in a partial class, struct or record</c>.</summary>
    public static readonly DiagnosticDescriptor InvalidContainer = new(
        InvalidContainerId,
        "Memoized method is not in a class or struct",
        "'{0}' is declared in {1}, which cannot hold the members MemoGen generates; declare it in a partial class, struct or record",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "MemoGen adds a cache field, a key type and a handle beside a memoized method, which an interface cannot hold.",
        helpLinkUri: HelpLink(InvalidContainerId));

    /// <summary>Format: <c>Parameter '{0}' of '{1}' begins with two underscores, which MemoGen reserves for the names in the code it generates; rename the parameter</c>.</summary>
    public static readonly DiagnosticDescriptor ReservedParameterName = new(
        ReservedParameterNameId,
        "Parameter name begins with two underscores",
        "Parameter '{0}' of '{1}' begins with two underscores, which MemoGen reserves for the names in the code it generates; rename the parameter",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The body MemoGen generates for a memoized method declares locals, a local function and members whose names begin with two underscores, "
        + "and passes every parameter in beside them, so a parameter named that way could collide with them.",
        helpLinkUri: HelpLink(ReservedParameterNameId));

    /// <summary>Format: <c>The cacher '{1}' of '{0}' {2}; name a class or struct with a public parameterless constructor that implements IMemoCacher&lt;{3}&gt;</c>.</summary>
    public static readonly DiagnosticDescriptor CacherDoesNotFit = new(
        CacherDoesNotFitId,
        "Cacher type does not fit",
        "The cacher '{1}' of '{0}' {2}; name a class or struct with a public parameterless constructor that implements IMemoCacher<{3}>",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The generated code creates the type named by Cacher once, with its public parameterless constructor, and hands it the method's "
        + "cached values (the result, or the awaited value of an asynchronous method), so it must be a class or struct that can be created and that "
        + "implements IMemoCacher<T> for that type.",
        helpLinkUri: HelpLink(CacherDoesNotFitId));

    /// <summary>Format: <c>'{0}' names the cacher '{1}' but has neither the 'disk' nor the 'lazy' tag, so nothing is ever written through it; add one of them, or remove Cacher</c>.</summary>
    public static readonly DiagnosticDescriptor UnusedCacher = new(
        UnusedCacherId,
        "Cacher is never used",
        "'{0}' names the cacher '{1}' but has neither the 'disk' nor the 'lazy' tag, so nothing is ever written through it; add one of them, or remove Cacher",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A cacher writes and reads a method's values in the disk store, which only methods tagged disk or lazy use.",
        helpLinkUri: HelpLink(UnusedCacherId));

    public static readonly ImmutableArray<DiagnosticDescriptor> All =
    [
        UnhashableParameter, ByReferenceParameter, NoResult, NotPartial, AlreadyImplemented, MissingCore, CoreDoesNotFit, MutableResult,
        DuplicateName, UnsafeName, NoContext, UnhashableOwner, NoSerializer, UnknownTag, GenericMethod, InvalidContainer,
        ReservedParameterName, CacherDoesNotFit, UnusedCacher,
    ];

    public static string HelpLink(string id) => $"https://github.com/memogen/memogen/blob/main/docs/diagnostics/{id}.md";
}
