using System;
using System.Reflection;
using MemoGen.Infrastructure;

namespace MemoGen.Disk;

/// <summary>
/// Describes a call for the metadata file and the log, like the generated handle's <c>Describe</c>, from the key alone:
/// the key's fields, named without their leading underscores (or, for a key struct shared by methods of the same key
/// shape, by the function's argument names), formatted by <see cref="MemoCallFormatter"/>. Runs only
/// when an entry is written or a debug message is logged.
/// </summary>
/// <remarks>
/// A key field holds what the key compares: an array argument appears as its content digest. A key that overrides
/// <see cref="object.ToString"/> is described by that instead.
/// </remarks>
internal static class CallDescriber
{
    /// <summary>Such as <c>rms(map=MapDescriptor { Name = planck, NSide = 4 })</c>.</summary>
    public static string Describe<TKey>(MemoFunction function, in TKey key)
        where TKey : struct, IMemoKey<TKey>
    {
        try
        {
            return Fields<TKey>.Describe(function.Name, function.ArgumentNames, key);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A ToString that throws must not cost the caller its result.
            return function.Name + "(…)";
        }
    }

    private static class Fields<TKey>
        where TKey : struct
    {
        private static readonly FieldInfo[] s_fields = typeof(TKey).GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        private static readonly bool s_hasToString =
            typeof(TKey).GetMethod(nameof(ToString), Type.EmptyTypes)?.DeclaringType == typeof(TKey);

        public static string Describe(string function, string[]? argumentNames, TKey key)
        {
            if (s_hasToString)
            {
                return $"{function}({key})";
            }

            object boxed = key;
            var arguments = new (string Name, string Value)[s_fields.Length];
            for (int i = 0; i < s_fields.Length; i++)
            {
                string name = argumentNames is not null && i < argumentNames.Length ? argumentNames[i] : ArgumentName(s_fields[i].Name);
                arguments[i] = (name, MemoCallFormatter.Value(s_fields[i].GetValue(boxed)));
            }

            return MemoCallFormatter.Format(function, arguments);
        }

        private static string ArgumentName(string field)
        {
            // Primary-constructor and auto-property backing fields: <Name>k__BackingField, <name>P.
            if (field.StartsWith('<') && field.IndexOf('>') is > 1 and int end)
            {
                return field[1..end];
            }

            // Generated keys name their fields __memo_<parameter>.
            const string GeneratedPrefix = "__memo_";
            return field.StartsWith(GeneratedPrefix, StringComparison.Ordinal) ? field[GeneratedPrefix.Length..] : field.TrimStart('_');
        }
    }
}
