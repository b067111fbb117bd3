using Microsoft.CodeAnalysis;

namespace MemoGen.Generator.CodeVersions;

/// <summary>Calls through which code runs that no call graph can see: reflection and dynamic creation.</summary>
internal static class ReflectionCalls
{
    public static bool IsReflection(IMethodSymbol method)
    {
        var type = method.ContainingType;
        if (type is null)
        {
            return false;
        }

        var ns = type.ContainingNamespace?.ToDisplayString();
        return ns == "System.Reflection"
            || (ns == "System" && type.Name == "Activator")
            || (ns == "System" && type.Name == "Type" && (method.Name.StartsWith("GetMethod", System.StringComparison.Ordinal) || method.Name == "InvokeMember"));
    }
}
