using System;
using System.CodeDom.Compiler;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using MemoGen.Generator.Helpers;

namespace MemoGen.Generator;

/// <summary>What the files of compilation-wide declarations (shared keys, shared handles) have in common.</summary>
internal static class SharedDeclarations
{
    /// <summary>The distinct declarations, one per name, ordered by name: the file does not depend on the order of methods.</summary>
    public static EquatableArray<T> Distinct<T>(ImmutableArray<T> declarations, Func<T, string> name)
        where T : IEquatable<T>
    {
        var distinct = new SortedDictionary<string, T>(StringComparer.Ordinal);
        foreach (var declaration in declarations)
        {
            distinct[name(declaration)] = declaration;
        }

        return distinct.Values.ToEquatableArray();
    }

    /// <summary>Writes each declaration, a blank line between two.</summary>
    public static void WriteEach<T>(IndentedTextWriter writer, EquatableArray<T> declarations, Action<IndentedTextWriter, T> write)
        where T : IEquatable<T>
    {
        for (var i = 0; i < declarations.Count; i++)
        {
            if (i > 0)
            {
                writer.WriteLine();
            }

            write(writer, declarations[i]);
        }
    }
}
