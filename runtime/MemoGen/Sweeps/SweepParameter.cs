using System;

namespace MemoGen.Sweeps;

/// <summary>A swept parameter of a memoized method, as a <see cref="ParameterSpace"/> is checked against it.</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="Type">The parameter's type.</param>
public sealed record SweepParameter(string Name, Type Type)
{
    /// <summary>A parameter of type <typeparamref name="T"/> (which may carry a nullable annotation, unlike <see langword="typeof"/>).</summary>
    /// <param name="name">The parameter's name.</param>
    public static SweepParameter Of<T>(string name) => new(name, typeof(T));
}
