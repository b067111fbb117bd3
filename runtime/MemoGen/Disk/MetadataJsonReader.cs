using System;
using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Unicode;

namespace MemoGen.Disk;

/// <summary>
/// A strict reader of the JSON in metadata files (RFC 8259: no comments, no trailing commas, UTF-8), for
/// <see cref="EntryMetadataJson"/>. Hand-written rather than System.Text.Json's reader: a load reads one small file,
/// and the first one in a process would otherwise load that library and set up its searchers (JIT-compiled) first.
/// Every fault is an <see cref="InvalidEntryException"/>.
/// </summary>
internal ref struct MetadataJsonReader
{
    /// <summary>Deeper nesting is refused (an entry's metadata has two levels; an inline value a few more).</summary>
    private const int MaxDepth = 64;

    private readonly ReadOnlySpan<byte> _json;
    private int _position;
    private int _depth;

    /// <summary>A reader at the start of <paramref name="utf8"/>.</summary>
    public MetadataJsonReader(ReadOnlySpan<byte> utf8)
    {
        _json = utf8;
    }

    /// <summary>Consumes the <c>{</c> that opens an object.</summary>
    public void BeginObject() => Open((byte)'{');

    /// <summary>Consumes the <c>[</c> that opens an array.</summary>
    public void BeginArray() => Open((byte)'[');

    /// <summary>
    /// Moves to the next property of the object being read and reads its name and the colon after it; returns false,
    /// having consumed the closing brace, when there is none. <paramref name="first"/> starts true for each object.
    /// </summary>
    public bool NextProperty(ref bool first, out string name)
    {
        name = "";
        if (!Next((byte)'}', ref first))
        {
            return false;
        }

        if (Peek() != (byte)'"')
        {
            throw Invalid("a property name is not a string");
        }

        name = ReadString();
        Expect((byte)':');
        return true;
    }

    /// <summary>Moves to the next element of the array being read; returns false, having consumed the closing bracket, when there is none.</summary>
    public bool NextElement(ref bool first) => Next((byte)']', ref first);

    /// <summary>The kind of the next value: <c>{</c>, <c>[</c>, <c>"</c>, a digit or minus sign, or the first letter of a literal.</summary>
    public byte Peek()
    {
        SkipWhitespace();
        return _position < _json.Length ? _json[_position] : throw Invalid("it ends early");
    }

    /// <summary>Reads a string value, unescaped.</summary>
    public string ReadString()
    {
        ReadOnlySpan<byte> raw = ReadRawString(out bool escaped);
        if (!escaped)
        {
            return Utf8.IsValid(raw) ? Encoding.UTF8.GetString(raw) : throw Invalid("a string is not UTF-8");
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(raw.Length);
        try
        {
            int length = Unescape(raw, buffer);
            return Utf8.IsValid(buffer.AsSpan(0, length)) ? Encoding.UTF8.GetString(buffer, 0, length) : throw Invalid("a string is not UTF-8");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads a string value as its bytes between the quotes; <paramref name="escaped"/> says whether it holds escapes.</summary>
    public ReadOnlySpan<byte> ReadRawString(out bool escaped)
    {
        Expect((byte)'"');
        escaped = false;
        int start = _position;
        while (_position < _json.Length)
        {
            byte current = _json[_position];
            if (current == (byte)'"')
            {
                return _json[start.._position++];
            }

            if (current < 0x20)
            {
                throw Invalid("a string holds a control character");
            }

            if (current == (byte)'\\')
            {
                escaped = true;
                _position++;
            }

            _position++;
        }

        throw Invalid("a string does not end");
    }

    /// <summary>Reads a number token (its bytes, checked by the caller's parser).</summary>
    public ReadOnlySpan<byte> ReadNumber()
    {
        byte first = Peek();
        if (first != (byte)'-' && (first < (byte)'0' || first > (byte)'9'))
        {
            throw Invalid("a value is not a number");
        }

        int start = _position;
        while (_position < _json.Length && IsNumberByte(_json[_position]))
        {
            _position++;
        }

        return _json[start.._position];
    }

    /// <summary>Skips the next value, whatever it is; returns its bytes exactly.</summary>
    public ReadOnlySpan<byte> SkipValue()
    {
        int start = SkipWhitespaceAndMark();
        switch (Peek())
        {
            case (byte)'{':
                BeginObject();
                for (bool first = true; NextProperty(ref first, out _);)
                {
                    SkipValue();
                }

                break;
            case (byte)'[':
                BeginArray();
                for (bool first = true; NextElement(ref first);)
                {
                    SkipValue();
                }

                break;
            case (byte)'"':
                ReadRawString(out _);
                break;
            case (byte)'t':
                Literal("true"u8);
                break;
            case (byte)'f':
                Literal("false"u8);
                break;
            case (byte)'n':
                Literal("null"u8);
                break;
            default:
                ReadNumber();
                break;
        }

        return _json[start.._position];
    }

    /// <summary>Checks that nothing but whitespace follows.</summary>
    public void End()
    {
        SkipWhitespace();
        if (_position != _json.Length)
        {
            throw Invalid("it has content after its object");
        }
    }

    private static bool IsNumberByte(byte value) =>
        value is (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'+' or (byte)'.' or (byte)'e' or (byte)'E';

    private static InvalidEntryException Invalid(string what) => new("the metadata is not valid JSON: " + what);

    private void Open(byte bracket)
    {
        Expect(bracket);
        if (++_depth > MaxDepth)
        {
            throw Invalid("it nests too deeply");
        }
    }

    private bool Next(byte closing, ref bool first)
    {
        byte next = Peek();
        if (next == closing && first)
        {
            _position++;
            _depth--;
            return false;
        }

        if (!first)
        {
            if (next == closing)
            {
                _position++;
                _depth--;
                return false;
            }

            Expect((byte)',');
        }

        first = false;
        if (Peek() == closing)
        {
            throw Invalid("a list ends with a comma");
        }

        return true;
    }

    private void Expect(byte expected)
    {
        if (Peek() != expected)
        {
            throw Invalid($"'{(char)_json[_position]}' where '{(char)expected}' belongs");
        }

        _position++;
    }

    private void Literal(ReadOnlySpan<byte> literal)
    {
        if (!_json[_position..].StartsWith(literal))
        {
            throw Invalid("a value is not JSON");
        }

        _position += literal.Length;
    }

    private int SkipWhitespaceAndMark()
    {
        SkipWhitespace();
        return _position;
    }

    private void SkipWhitespace()
    {
        while (_position < _json.Length && _json[_position] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            _position++;
        }
    }

    // Writes the UTF-8 of an escaped string's content into destination (never longer than the escaped form).
    private static int Unescape(ReadOnlySpan<byte> raw, Span<byte> destination)
    {
        int written = 0;
        for (int i = 0; i < raw.Length; i++)
        {
            if (raw[i] != (byte)'\\')
            {
                destination[written++] = raw[i];
                continue;
            }

            byte escape = raw[++i];
            if (escape != (byte)'u')
            {
                destination[written++] = escape switch
                {
                    (byte)'"' or (byte)'\\' or (byte)'/' => escape,
                    (byte)'b' => (byte)'\b',
                    (byte)'f' => (byte)'\f',
                    (byte)'n' => (byte)'\n',
                    (byte)'r' => (byte)'\r',
                    (byte)'t' => (byte)'\t',
                    _ => throw Invalid("a string has an unknown escape"),
                };
                continue;
            }

            int codePoint = Hex4(raw, i + 1);
            i += 4;
            if (char.IsHighSurrogate((char)codePoint))
            {
                int low = i + 6 < raw.Length && raw[i + 1] == (byte)'\\' && raw[i + 2] == (byte)'u' ? Hex4(raw, i + 3) : -1;
                if (!char.IsLowSurrogate((char)low) || low < 0)
                {
                    throw Invalid("a string has a lone surrogate");
                }

                codePoint = char.ConvertToUtf32((char)codePoint, (char)low);
                i += 6;
            }
            else if (char.IsLowSurrogate((char)codePoint))
            {
                throw Invalid("a string has a lone surrogate");
            }

            written += new Rune(codePoint).EncodeToUtf8(destination[written..]);
        }

        return written;
    }

    private static int Hex4(ReadOnlySpan<byte> raw, int start) =>
        start + 4 <= raw.Length && Utf8Parser.TryParse(raw.Slice(start, 4), out ushort value, out int consumed, 'x') && consumed == 4
            ? value
            : throw Invalid("a string has a bad \\u escape");
}
