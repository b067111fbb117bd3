using MemoGen.Generator.Helpers;

namespace MemoGen.Generator.Models;

/// <summary>
/// A <c>[Memoize]</c> method MemoGen cannot implement but can declare: it gets a body that throws, so the compiler
/// does not stop at CS8795 before analyzers run, and the MemoGen error explaining the method is what the user reads.
/// </summary>
/// <param name="HintName">The generated file's name.</param>
/// <param name="Namespace">The containing namespace, or null for the global one.</param>
/// <param name="ContainingTypes">The types to re-open, outermost first.</param>
/// <param name="Modifiers">The declaration's modifiers as written.</param>
/// <param name="ReturnType">The declared return type, <c>global::</c>-qualified.</param>
/// <param name="MethodName">The method's name.</param>
/// <param name="TypeParameters">The type parameter list, such as <c>&lt;T, U&gt;</c>, or empty.</param>
/// <param name="Parameters">Each parameter as declared (modifiers, type, name), without default values.</param>
/// <param name="Constraints">The <c>where</c> clauses the implementing declaration must restate (see <see cref="TypeParameterClauses"/>).</param>
/// <param name="HidesOuterTypeParameter">
/// Whether a type parameter has the name of a containing type's: the compiler warns on the declaration (CS0693), and
/// the stub, which must restate the name, keeps the warning from being given twice.
/// </param>
/// <param name="DisplayName">The method as the exception message names it.</param>
internal sealed record StubModel(
    string HintName,
    string? Namespace,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string Modifiers,
    string ReturnType,
    string MethodName,
    string TypeParameters,
    EquatableArray<string> Parameters,
    EquatableArray<string> Constraints,
    bool HidesOuterTypeParameter,
    string DisplayName);
