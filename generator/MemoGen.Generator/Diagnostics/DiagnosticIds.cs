namespace MemoGen.Generator.Diagnostics;

/// <summary>
/// The IDs of MemoGen's diagnostics and the names of the properties they carry, defined once: the generator's descriptors
/// and the code fixes both compile this file (the code fixes link it rather than load the generator's assembly).
/// </summary>
internal static class DiagnosticIds
{
    public const string UnhashableParameter = "MEMO001";
    public const string ByReferenceParameter = "MEMO002";
    public const string NoResult = "MEMO003";
    public const string NotPartial = "MEMO004";
    public const string AlreadyImplemented = "MEMO005";
    public const string MissingCore = "MEMO006";
    public const string CoreDoesNotFit = "MEMO007";
    public const string MutableResult = "MEMO008";
    public const string DuplicateName = "MEMO009";
    public const string UnsafeName = "MEMO010";
    public const string NoContext = "MEMO011";
    public const string UnhashableOwner = "MEMO012";
    public const string NoSerializer = "MEMO013";
    public const string UnknownTag = "MEMO014";
    public const string GenericMethod = "MEMO015";
    public const string InvalidContainer = "MEMO016";
    public const string ReservedParameterName = "MEMO017";
    public const string CacherDoesNotFit = "MEMO018";
    public const string UnusedCacher = "MEMO019";
    public const string SettableKeyRecord = "MEMO020";
    public const string UnseenDependency = "MEMO030";

    /// <summary>The property of a MEMO008 diagnostic that holds the suggested return type, <c>global::</c>-qualified.</summary>
    public const string SuggestedReturnTypeProperty = "SuggestedReturnType";

    /// <summary>The property of a MEMO006 diagnostic that holds the declaration of the missing implementation, without a body.</summary>
    public const string CoreSignatureProperty = "CoreSignature";
}
