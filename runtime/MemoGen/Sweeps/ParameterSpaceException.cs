using System;

namespace MemoGen.Sweeps;

/// <summary>A parameter space that cannot be read, or that does not fit the method it is meant to sweep.</summary>
public sealed class ParameterSpaceException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="dimension">The dimension at fault, if one is.</param>
    /// <param name="message">What is wrong and what to do.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public ParameterSpaceException(string? dimension, string message, Exception? innerException = null)
        : base(dimension is null ? message : $"Dimension '{dimension}': {message}", innerException)
    {
        Dimension = dimension;
    }

    /// <summary>The name of the dimension at fault; <see langword="null"/> when the fault is the whole space's.</summary>
    public string? Dimension { get; }
}
