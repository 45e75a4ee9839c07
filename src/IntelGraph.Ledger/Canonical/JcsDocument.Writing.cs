using System.Text.Json;

namespace IntelGraph.Ledger.Canonical;

internal sealed partial class JcsDocument
{
    /// <summary>Writes the canonical form of the loaded value.</summary>
    /// <param name="destination">At least <see cref="MaxCanonicalLength"/> bytes.</param>
    /// <param name="excludedTopLevelName">The UTF-8 name of a top-level member to leave out;
    /// used only when <paramref name="excludeTopLevelMember"/> is true and the value is an object.</param>
    /// <returns>The number of bytes written.</returns>
    public int WriteTo(Span<byte> destination, bool excludeTopLevelMember, ReadOnlySpan<byte> excludedTopLevelName)
    {
        int position = 0;
        if (RootType == JsonTokenType.StartObject)
        {
            WriteObject(0, destination, ref position, excludeTopLevelMember, excludedTopLevelName);
        }
        else
        {
            WriteValue(0, destination, ref position);
        }

        return position;
    }

    private void WriteValue(int index, Span<byte> destination, ref int position)
    {
        ref readonly Token token = ref _tokens[index];
        switch (token.Type)
        {
            case JsonTokenType.StartObject:
                WriteObject(index, destination, ref position, excludeMember: false, excludedName: default);
                break;

            case JsonTokenType.StartArray:
                WriteArray(index, destination, ref position);
                break;

            case JsonTokenType.String:
                position += JcsStringCodec.WriteQuoted(TextOf(index), destination[position..]);
                break;

            case JsonTokenType.Number:
                position += EcmaScriptNumberFormatter.Write(token.Number, destination[position..]);
                break;

            case JsonTokenType.True:
                WriteLiteral("true"u8, destination, ref position);
                break;

            case JsonTokenType.False:
                WriteLiteral("false"u8, destination, ref position);
                break;

            case JsonTokenType.Null:
                WriteLiteral("null"u8, destination, ref position);
                break;

            default:
                throw new InvalidOperationException(
                    $"Invalid token type {token.Type} at token {index}: Load stores only value tokens in value positions.");
        }
    }

    private void WriteArray(int index, Span<byte> destination, ref int position)
    {
        destination[position++] = (byte)'[';

        int end = _tokens[index].SubtreeEnd;
        int element = index + 1;
        while (element < end)
        {
            if (element != index + 1)
            {
                destination[position++] = (byte)',';
            }

            WriteValue(element, destination, ref position);
            element = NextSibling(element);
        }

        destination[position++] = (byte)']';
    }

    private void WriteObject(int index, Span<byte> destination, ref int position, bool excludeMember, ReadOnlySpan<byte> excludedName)
    {
        destination[position++] = (byte)'{';

        ref readonly Token objectToken = ref _tokens[index];
        ReadOnlySpan<int> names = _memberOrder.AsSpan(objectToken.MembersStart, objectToken.MemberCount);
        bool first = true;
        foreach (int nameIndex in names)
        {
            ReadOnlySpan<byte> name = TextOf(nameIndex);
            if (excludeMember && name.SequenceEqual(excludedName))
            {
                continue;
            }

            if (!first)
            {
                destination[position++] = (byte)',';
            }

            first = false;
            position += JcsStringCodec.WriteQuoted(name, destination[position..]);
            destination[position++] = (byte)':';

            // A member's value is the token right after its name.
            WriteValue(nameIndex + 1, destination, ref position);
        }

        destination[position++] = (byte)'}';
    }

    private int NextSibling(int index)
    {
        ref readonly Token token = ref _tokens[index];
        return token.Type is JsonTokenType.StartObject or JsonTokenType.StartArray ? token.SubtreeEnd : index + 1;
    }

    private static void WriteLiteral(ReadOnlySpan<byte> literal, Span<byte> destination, ref int position)
    {
        literal.CopyTo(destination[position..]);
        position += literal.Length;
    }
}
