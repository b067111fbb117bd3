using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MemoGen;

/// <summary>
/// System.Text.Json, indented, so a person can read a cached value (as with curifactory's JSON cacher): the default for
/// result types MemoryPack does not write, and for every result when set as <see cref="MemoOptions.Serializer"/>. Records, collections and primitives work out of the box; a result type that
/// System.Text.Json cannot read back (such as <c>FrozenDictionary</c>) is kept in memory only, with one warning.
/// </summary>
public sealed class JsonMemoSerializer : IMemoSerializer
{
    private readonly JsonSerializerOptions _options;

    /// <summary>Uses <paramref name="options"/> for every value.</summary>
    public JsonMemoSerializer(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Indented JSON; NaN and infinities written as the strings <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>.</summary>
    public static JsonMemoSerializer Default { get; } = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    });

    /// <summary><c>json</c>.</summary>
    public string Format => "json";

    /// <inheritdoc />
    public void Serialize<T>(Stream destination, T value) => JsonSerializer.Serialize(destination, value, _options);

    /// <inheritdoc />
    public T Deserialize<T>(Stream source) =>
        source is MemoryStream memory && memory.TryGetBuffer(out ArraySegment<byte> buffer)
            ? JsonSerializer.Deserialize<T>(buffer.AsSpan((int)memory.Position), _options)!
            : JsonSerializer.Deserialize<T>(source, _options)!;
}
