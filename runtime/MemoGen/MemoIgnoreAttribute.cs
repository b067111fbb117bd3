using System;

namespace MemoGen;

/// <summary>Leaves a parameter out of the cache key: calls that differ only in it share one result.</summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class MemoIgnoreAttribute : Attribute;
