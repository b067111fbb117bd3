using MemoGen.Generator.Helpers;

namespace MemoGen.Generator.Models;

/// <summary>The compilation's shared record writers: one per record that some key takes, however many do.</summary>
/// <param name="Class">The class, <c>global::</c>-qualified (see <c>GeneratedNames.HashWritersClass</c>).</param>
/// <param name="Composites">The records, ordered by type name.</param>
internal sealed record HashWritersModel(string Class, EquatableArray<CompositeShape> Composites);
