namespace MemoGen.Generator;

/// <summary>Names of the pipeline steps, so tests can assert what was cached.</summary>
internal static class TrackingNames
{
    public const string Methods = nameof(Methods);
    public const string ValidMethods = nameof(ValidMethods);
    public const string Stubs = nameof(Stubs);
    public const string HashWriters = nameof(HashWriters);
    public const string SharedKeys = nameof(SharedKeys);
    public const string SharedHandles = nameof(SharedHandles);
    public const string MethodsWithHandles = nameof(MethodsWithHandles);
}
