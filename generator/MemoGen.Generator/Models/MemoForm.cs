namespace MemoGen.Generator.Models;

/// <summary>Where a memoized method finds its context (DESIGN §1).</summary>
internal enum MemoForm
{
    /// <summary>An instance method of a <c>MemoContext</c> subclass: the results live in <c>this</c>.</summary>
    ContextIsThis,

    /// <summary>A static method whose first parameter is the context.</summary>
    StaticWithContext,

    /// <summary>An instance method of another type whose first parameter is the context; <c>this</c> joins the key.</summary>
    InstanceWithContext,
}
