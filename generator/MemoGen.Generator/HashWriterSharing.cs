using System.Linq;
using MemoGen.Generator.Helpers;
using MemoGen.Generator.Models;

namespace MemoGen.Generator;

/// <summary>
/// Points a method's hash shapes at the compilation's shared record writers, so that a record is written by one
/// generated method however many keys take it (<see cref="GeneratedNames.HashWritersClass"/>).
/// </summary>
internal static class HashWriterSharing
{
    public static ValueShape Share(ValueShape shape, string writers) => shape with
    {
        Detail = shape.Kind == ValueKind.Composite ? writers + ".Write" : shape.Detail,
        Elements = shape.Elements.Select(e => Share(e, writers)).ToEquatableArray(),
    };

    public static CompositeShape Share(CompositeShape composite, string writers) => composite with
    {
        WriterName = writers + ".Write",
        Members = composite.Members.Select(m => m with { Shape = Share(m.Shape, writers) }).ToEquatableArray(),
    };
}
