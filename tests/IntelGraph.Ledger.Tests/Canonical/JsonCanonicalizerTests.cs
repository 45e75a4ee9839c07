using System.Buffers;
using System.Text;
using IntelGraph.Core;
using IntelGraph.Ledger.Canonical;

namespace IntelGraph.Ledger.Tests.Canonical;

public sealed class JsonCanonicalizerTests
{
    [Theory]
    [InlineData("""{ "b" : 1 , "a" : [ true , false , null ] }""", """{"a":[true,false,null],"b":1}""")]
    [InlineData(" \t\r\n[ ]\n", "[]")]
    [InlineData("{ }", "{}")]
    [InlineData("\"text\"", "\"text\"")]
    [InlineData(" 42 ", "42")]
    [InlineData("null", "null")]
    [InlineData("""[[],{},[{}],{"a":[]}]""", """[[],{},[{}],{"a":[]}]""")]
    [InlineData("""{"z":{"y":1,"x":[{"b":2,"a":1}]},"a":0}""", """{"a":0,"z":{"x":[{"a":1,"b":2}],"y":1}}""")]
    public void Canonicalize_removes_white_space_and_sorts(string json, string expected)
    {
        Assert.Equal(expected, CanonicalText(json));
    }

    [Fact]
    public void Canonicalize_keeps_array_order()
    {
        Assert.Equal("[3,1,2,\"b\",\"a\"]", CanonicalText("[3, 1, 2, \"b\", \"a\"]"));
    }

    [Fact]
    public void Canonicalize_sorts_by_unescaped_names()
    {
        Assert.Equal("""{"a":2,"b":1}""", CanonicalText("""{"b":1,"\u0061":2}"""));
    }

    [Fact]
    public void Canonicalize_sorts_prefixes_first()
    {
        Assert.Equal("""{"":3,"a":2,"aa":1,"ab":0}""", CanonicalText("""{"ab":0,"aa":1,"a":2,"":3}"""));
    }

    [Fact]
    public void Canonicalize_sorts_names_by_utf16_code_units()
    {
        // U+1F600 is the surrogate pair D83D DE00 in UTF-16, so it sorts after U+20AC and before
        // U+FB33 there, although its code point is the largest of the three.
        string expected = "{\"\u20ac\":3,\"\U0001F600\":2,\"\ufb33\":1}";

        Assert.Equal(expected, CanonicalText("""{"\ufb33":1,"\ud83d\ude00":2,"\u20ac":3}"""));
        Assert.Equal(expected, CanonicalText("{\"\ufb33\":1,\"\U0001F600\":2,\"\u20ac\":3}"));
    }

    [Fact]
    public void Canonicalize_sorts_private_use_after_supplementary()
    {
        string expected = "{\"\U00010000\":1,\"\ue000\":2,\"\uffff\":3}";

        Assert.Equal(expected, CanonicalText("{\"\uffff\":3,\"\ue000\":2,\"\U00010000\":1}"));
    }

    [Fact]
    public void Canonicalize_ignores_locale_order()
    {
        Assert.Equal(
            "{\"Z\":1,\"a\":2,\"p\u00e9ch\u00e9\":4,\"p\u00eache\":3}",
            CanonicalText("{\"p\u00eache\":3,\"a\":2,\"p\u00e9ch\u00e9\":4,\"Z\":1}"));
    }

    [Theory]
    [InlineData("""["\u0000\u0001\u001f"]""", """["\u0000\u0001\u001f"]""")]
    [InlineData("""["\u0008\u0009\u000A\u000C\u000D"]""", """["\b\t\n\f\r"]""")]
    [InlineData("""["\b\t\n\f\r"]""", """["\b\t\n\f\r"]""")]
    [InlineData("""["\u000b\u000B\u001F"]""", """["\u000b\u000b\u001f"]""")]
    [InlineData("""["\u0022\"\u005c\\"]""", """["\"\"\\\\"]""")]
    [InlineData("""["\/</script>"]""", """["/</script>"]""")]
    [InlineData("""["\u0041\u0042"]""", """["AB"]""")]
    public void Canonicalize_escapes_minimally(string json, string expected)
    {
        Assert.Equal(expected, CanonicalText(json));
    }

    [Fact]
    public void Canonicalize_keeps_delete_character_raw()
    {
        Assert.Equal(new byte[] { 0x22, 0x7F, 0x22 }, JsonCanonicalizer.Canonicalize("\"\\u007f\""u8));
    }

    [Fact]
    public void Canonicalize_writes_non_ascii_as_utf8()
    {
        byte[] canonical = JsonCanonicalizer.Canonicalize("\"\\u00e9\\u20AC\\u2028\\u2029\""u8);

        Assert.Equal("\"\u00e9\u20ac\u2028\u2029\"", Encoding.UTF8.GetString(canonical));
        Assert.Equal(Convert.FromHexString("22C3A9E282ACE280A8E280A922"), canonical);
    }

    [Fact]
    public void Canonicalize_writes_escaped_emoji_as_utf8()
    {
        byte[] canonical = JsonCanonicalizer.Canonicalize("\"\\ud83d\\ude00\""u8);

        Assert.Equal(Convert.FromHexString("22F09F988022"), canonical);
    }

    [Fact]
    public void Canonicalize_keeps_raw_utf8_unchanged()
    {
        byte[] json = Encoding.UTF8.GetBytes("\"A\u030a \u00f6 \U0001F602 \ufb33\"");

        Assert.Equal(json, JsonCanonicalizer.Canonicalize(json));
    }

    [Fact]
    public void Canonicalize_escapes_control_characters_in_names()
    {
        Assert.Equal("""{"\u0001":2,"\n":1}""", CanonicalText("""{"\u000a":1,"\u0001":2}"""));
    }

    [Theory]
    [InlineData("""{"a":1,"a":2}""", "\"a\"", 7)]
    [InlineData("""{"a":1,"\u0061":2}""", "\"a\"", 7)]
    [InlineData("""{"x":{"k":1,"b":0,"k":2}}""", "\"k\"", 18)]
    [InlineData("""[{"\ud83d\ude00":1,"\ud83d\ude00":2}]""", "\"\U0001F600\"", 19)]
    public void Canonicalize_rejects_duplicate_names(string json, string quotedName, int offset)
    {
        var exception = Assert.Throws<InvalidInputException>(() => CanonicalText(json));

        Assert.Contains("Duplicate member name " + quotedName, exception.Message, StringComparison.Ordinal);
        Assert.Contains($"byte offset {offset}", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Canonicalize_allows_same_name_in_different_objects()
    {
        Assert.Equal("""{"a":{"a":1},"b":{"a":2}}""", CanonicalText("""{"b":{"a":2},"a":{"a":1}}"""));
    }

    [Theory]
    [InlineData("""["\ud800"]""", 2)]
    [InlineData("""["\udc00"]""", 2)]
    [InlineData("""["ab\ud83d"]""", 4)]
    [InlineData("""["\ud83dx"]""", 2)]
    [InlineData("""["\ud83d\u0041"]""", 2)]
    [InlineData("""["\ud83d\ud83d\ude00"]""", 2)]
    [InlineData("""["\ude00\ud83d"]""", 2)]
    public void Canonicalize_rejects_lone_surrogate_escapes(string json, int offset)
    {
        var exception = Assert.Throws<InvalidInputException>(() => CanonicalText(json));

        Assert.Contains("lone surrogate", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"byte offset {offset}", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Canonicalize_names_member_of_lone_surrogate()
    {
        var exception = Assert.Throws<InvalidInputException>(
            () => CanonicalText("""{"sources": [{"name": "\udfff"}]}"""));

        Assert.Contains("byte offset 23", exception.Message, StringComparison.Ordinal);
        Assert.Contains("member \"name\"", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Canonicalize_rejects_lone_surrogate_in_name()
    {
        var exception = Assert.Throws<InvalidInputException>(() => CanonicalText("""{"outer":{"\ud800":1}}"""));

        Assert.Contains("Invalid member name at byte offset 11", exception.Message, StringComparison.Ordinal);
        Assert.Contains("member \"outer\"", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x22, 0xC3, 0x28, 0x22 }, 1)]
    [InlineData(new byte[] { 0x22, 0x61, 0xED, 0xA0, 0x80, 0x22 }, 2)]
    [InlineData(new byte[] { 0x5B, 0x22, 0xFF, 0x22, 0x5D }, 2)]
    [InlineData(new byte[] { 0x22, 0xF0, 0x9F, 0x98, 0x22 }, 1)]
    public void Canonicalize_rejects_invalid_utf8(byte[] json, int offset)
    {
        var exception = Assert.Throws<InvalidInputException>(() => JsonCanonicalizer.Canonicalize(json));

        Assert.Contains($"Invalid UTF-8 at byte offset {offset}", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Canonicalize_rejects_byte_order_mark()
    {
        byte[] json = [0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}'];

        var exception = Assert.Throws<InvalidInputException>(() => JsonCanonicalizer.Canonicalize(json));

        Assert.Contains("byte order mark", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("   ", 3)]
    [InlineData("{\"a\":1,}", 7)]
    [InlineData("[1,]", 3)]
    [InlineData("{\n  \"a\": 1,\n  \"b\" 2\n}", 18)]
    [InlineData("[1] [2]", 4)]
    [InlineData("[01]", 2)]
    [InlineData("{\"a\":1 // note\n}", 7)]
    [InlineData("[\"a\u0001\"]", 3)]
    [InlineData("[\"\\x\"]", 3)]
    [InlineData("{'a':1}", 1)]
    [InlineData("[NaN]", 1)]
    [InlineData("[1", 2)]
    public void Canonicalize_rejects_malformed_json(string json, int offset)
    {
        var exception = Assert.Throws<InvalidInputException>(() => CanonicalText(json));

        Assert.StartsWith($"Invalid JSON at byte offset {offset}:", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Canonicalize_accepts_64_levels_of_nesting()
    {
        string json = new string('[', 64) + new string(']', 64);

        Assert.Equal(json, CanonicalText(json));
    }

    [Fact]
    public void Canonicalize_rejects_65_levels_of_nesting()
    {
        string json = new string('[', 65) + new string(']', 65);

        Assert.Throws<InvalidInputException>(() => CanonicalText(json));
    }

    [Fact]
    public void Canonicalize_fits_numbers_that_grow()
    {
        // Each "9e20" (4 bytes) becomes 21 digits, so the output is about five times the input.
        string json = "[" + string.Join(",", Enumerable.Repeat("9e20", 1000)) + "]";
        string expected = "[" + string.Join(",", Enumerable.Repeat("900000000000000000000", 1000)) + "]";

        Assert.Equal(expected, CanonicalText(json));
    }

    [Fact]
    public void Canonicalize_handles_escape_heavy_strings()
    {
        string json = "[\"" + string.Concat(Enumerable.Repeat("\\u0001\\n\\u00e9\\ud83d\\ude00", 500)) + "\"]";
        string expected = "[\"" + string.Concat(Enumerable.Repeat("\\u0001\\n\u00e9\U0001F600", 500)) + "\"]";

        Assert.Equal(expected, CanonicalText(json));
    }

    [Fact]
    public void Canonicalize_handles_large_then_small_documents()
    {
        // The first document outgrows the per-thread buffers, which must not leak into the next one.
        string large = "{\"b\":\"" + new string('x', 3_000_000) + "\",\"a\":[1,2,3]}";
        string small = """{"d":4,"c":3}""";

        Assert.Equal("{\"a\":[1,2,3],\"b\":\"" + new string('x', 3_000_000) + "\"}", CanonicalText(large));
        Assert.Equal("""{"c":3,"d":4}""", CanonicalText(small));
        Assert.Equal("""{"c":3,"d":4}""", CanonicalText(small));
    }

    [Fact]
    public void Canonicalize_gives_same_result_on_repeated_calls()
    {
        string json = """{"k":[{"z":"\u00e9","y":1e-7}],"a":"\n"}""";

        string first = CanonicalText(json);
        string second = CanonicalText(json);

        Assert.Equal(first, second);
        Assert.Equal("""{"a":"\n","k":[{"y":1e-7,"z":"é"}]}""", first);
    }

    [Fact]
    public void Canonicalize_runs_on_parallel_threads()
    {
        string[] inputs = [.. Enumerable.Range(0, 200).Select(i => $$"""{"n":{{i}},"b":[{"y":{{i}}e-9,"x":"{{i}}"}]}""")];

        string[] outputs = new string[inputs.Length];
        Parallel.For(0, inputs.Length, i => outputs[i] = CanonicalText(inputs[i]));

        for (int i = 0; i < inputs.Length; i++)
        {
            string expectedNumber = EcmaScriptNumberFormatter.Format(double.Parse($"{i}e-9", System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal($$"""{"b":[{"x":"{{i}}","y":{{expectedNumber}}}],"n":{{i}}}""", outputs[i]);
        }
    }

    [Fact]
    public void Canonicalize_leaves_out_excluded_member()
    {
        string canonical = CanonicalText("""{"hash":"sha256:00","b":1,"a":{"hash":2}}""", "hash");

        Assert.Equal("""{"a":{"hash":2},"b":1}""", canonical);
    }

    [Fact]
    public void Canonicalize_excludes_member_by_unescaped_name()
    {
        Assert.Equal("""{"a":1}""", CanonicalText("""{"h\u0061sh":0,"a":1}""", "hash"));
    }

    [Fact]
    public void Canonicalize_excludes_non_ascii_member_name()
    {
        Assert.Equal("{\"a\":1}", CanonicalText("{\"\\u00e9t\\u00e9\":0,\"a\":1}", "\u00e9t\u00e9"));
    }

    [Fact]
    public void Canonicalize_excludes_empty_member_name()
    {
        Assert.Equal("""{"a":1}""", CanonicalText("""{"":0,"a":1}""", string.Empty));
    }

    [Fact]
    public void Canonicalize_ignores_exclusion_for_arrays()
    {
        Assert.Equal("""[{"hash":1}]""", CanonicalText("""[{"hash":1}]""", "hash"));
    }

    [Fact]
    public void Canonicalize_ignores_absent_excluded_member()
    {
        Assert.Equal("""{"a":1}""", CanonicalText("""{"a":1}""", "hash"));
    }

    [Fact]
    public void Canonicalize_rejects_duplicate_excluded_member()
    {
        Assert.Throws<InvalidInputException>(() => CanonicalText("""{"hash":1,"hash":2}""", "hash"));
    }

    [Fact]
    public void Canonicalize_appends_to_buffer_writer()
    {
        var output = new ArrayBufferWriter<byte>();
        output.Write("prefix:"u8);

        JsonCanonicalizer.Canonicalize("""{"b":2,"a":1}"""u8, output);

        Assert.Equal("prefix:{\"a\":1,\"b\":2}", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Canonicalize_writes_nothing_on_rejection()
    {
        var output = new ArrayBufferWriter<byte>();

        Assert.Throws<InvalidInputException>(() => JsonCanonicalizer.Canonicalize("""{"a":1,"a":2}"""u8, output));

        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void Canonicalize_rejects_lone_surrogate_in_excluded_name()
    {
        var output = new ArrayBufferWriter<byte>();

        Assert.ThrowsAny<ArgumentException>(
            () => JsonCanonicalizer.Canonicalize("{}"u8, output, "\ud800"));
    }

    [Fact]
    public void Canonicalize_excludes_long_member_name()
    {
        string name = new('n', 1000);

        Assert.Equal("""{"a":1}""", CanonicalText($$"""{"{{name}}":0,"a":1}""", name));
    }

    private static string CanonicalText(string json, string? excludedTopLevelMember = null)
    {
        var output = new ArrayBufferWriter<byte>();
        JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(json), output, excludedTopLevelMember);

        byte[] fromArrayOverload = excludedTopLevelMember is null
            ? JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(json))
            : output.WrittenSpan.ToArray();
        Assert.Equal(fromArrayOverload, output.WrittenSpan.ToArray());

        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
