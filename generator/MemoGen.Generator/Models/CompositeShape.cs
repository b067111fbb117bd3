using MemoGen.Generator.Helpers;

namespace MemoGen.Generator.Models;

/// <summary>A record hashed member by member.</summary>
/// <param name="Type">The record, <c>global::</c>-qualified.</param>
/// <param name="WriterName">The name of the generated method that writes it.</param>
/// <param name="IsReferenceType">Whether a null check comes first.</param>
/// <param name="Members">Its instance members in declaration order.</param>
internal sealed record CompositeShape(string Type, string WriterName, bool IsReferenceType, EquatableArray<MemberShape> Members);

/// <summary>One member of a <see cref="CompositeShape"/>.</summary>
/// <param name="Name">The property or field that reads it.</param>
/// <param name="Shape">How it is hashed.</param>
internal sealed record MemberShape(string Name, ValueShape Shape);
