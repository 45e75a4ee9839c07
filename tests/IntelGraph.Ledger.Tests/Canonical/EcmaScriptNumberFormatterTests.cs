using System.Text;
using IntelGraph.Core;
using IntelGraph.Ledger.Canonical;

namespace IntelGraph.Ledger.Tests.Canonical;

public sealed class EcmaScriptNumberFormatterTests
{
    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(100.0, "100")]
    [InlineData(4.5, "4.5")]
    [InlineData(333333333.33333329, "333333333.3333333")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(12345678.9, "12345678.9")]
    public void Format_prints_shortest_round_trip_digits(double value, string expected)
    {
        Assert.Equal(expected, EcmaScriptNumberFormatter.Format(value));
    }

    [Fact]
    public void Format_prints_one_third_with_sixteen_digits()
    {
        Assert.Equal("0.3333333333333333", EcmaScriptNumberFormatter.Format(1.0 / 3));
    }

    [Fact]
    public void Format_prints_sum_of_tenths_exactly()
    {
        Assert.Equal("0.30000000000000004", EcmaScriptNumberFormatter.Format(0.1 + 0.2));
    }

    [Theory]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(999999999999999900000.0, "999999999999999900000")]
    [InlineData(123e18, "123000000000000000000")]
    [InlineData(123e20, "1.23e+22")]
    [InlineData(1e30, "1e+30")]
    [InlineData(-1e21, "-1e+21")]
    [InlineData(1e15, "1000000000000000")]
    [InlineData(1e16, "10000000000000000")]
    [InlineData(1.2345678901234568e20, "123456789012345680000")]
    public void Format_switches_to_exponent_at_1e21(double value, string expected)
    {
        Assert.Equal(expected, EcmaScriptNumberFormatter.Format(value));
    }

    [Theory]
    [InlineData(1e-6, "0.000001")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(-1e-7, "-1e-7")]
    [InlineData(0.000001234, "0.000001234")]
    [InlineData(1.234e-7, "1.234e-7")]
    [InlineData(0.000009999999999999999, "0.000009999999999999999")]
    [InlineData(9.999999999999997e-7, "9.999999999999997e-7")]
    [InlineData(0.002, "0.002")]
    [InlineData(1e-27, "1e-27")]
    public void Format_switches_to_exponent_below_1e_minus_6(double value, string expected)
    {
        Assert.Equal(expected, EcmaScriptNumberFormatter.Format(value));
    }

    [Fact]
    public void Format_prints_negative_zero_as_zero()
    {
        Assert.Equal("0", EcmaScriptNumberFormatter.Format(-0.0));
        Assert.Equal("0", EcmaScriptNumberFormatter.Format(0.0));
    }

    [Theory]
    [InlineData(4.9406564584124654e-324, "5e-324")]
    [InlineData(-5e-324, "-5e-324")]
    [InlineData(2.2250738585072009e-308, "2.225073858507201e-308")]
    [InlineData(2.2250738585072014e-308, "2.2250738585072014e-308")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(-1.7976931348623157e308, "-1.7976931348623157e+308")]
    public void Format_prints_extreme_and_subnormal_values(double value, string expected)
    {
        Assert.Equal(expected, EcmaScriptNumberFormatter.Format(value));
    }

    [Fact]
    public void Format_prints_smallest_subnormal_briefly()
    {
        Assert.Equal("5e-324", EcmaScriptNumberFormatter.Format(double.Epsilon));
        Assert.Equal("1e-323", EcmaScriptNumberFormatter.Format(2 * double.Epsilon));
    }

    [Theory]
    [InlineData(9007199254740991.0, "9007199254740991")]
    [InlineData(9007199254740992.0, "9007199254740992")]
    [InlineData(9007199254740994.0, "9007199254740994")]
    [InlineData(18014398509481984.0, "18014398509481984")]
    [InlineData(295147905179352830000.0, "295147905179352830000")]
    public void Format_prints_integers_around_2_pow_53(double value, string expected)
    {
        Assert.Equal(expected, EcmaScriptNumberFormatter.Format(value));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Format_rejects_non_finite_values(double value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EcmaScriptNumberFormatter.Format(value));
    }

    [Fact]
    public void TryFormat_writes_utf8()
    {
        Span<byte> destination = stackalloc byte[EcmaScriptNumberFormatter.MaxLength];

        bool written = EcmaScriptNumberFormatter.TryFormat(1e-7, destination, out int length);

        Assert.True(written);
        Assert.Equal("1e-7", Encoding.ASCII.GetString(destination[..length]));
    }

    [Fact]
    public void TryFormat_fits_exact_destination()
    {
        Span<byte> destination = stackalloc byte[4];

        bool written = EcmaScriptNumberFormatter.TryFormat(1e-7, destination, out int length);

        Assert.True(written);
        Assert.Equal(4, length);
    }

    [Fact]
    public void TryFormat_rejects_short_destination()
    {
        Span<byte> destination = stackalloc byte[3];

        bool written = EcmaScriptNumberFormatter.TryFormat(1e-7, destination, out int length);

        Assert.False(written);
        Assert.Equal(0, length);
    }

    [Fact]
    public void MaxLength_fits_longest_output()
    {
        string longest = EcmaScriptNumberFormatter.Format(-0.0000012345678901234567);

        Assert.Equal("-0.0000012345678901234567", longest);
        Assert.Equal(EcmaScriptNumberFormatter.MaxLength, longest.Length);
    }

    [Theory]
    [InlineData("9007199254740993", "9007199254740992")]
    [InlineData("1E30", "1e+30")]
    [InlineData("4.50", "4.5")]
    [InlineData("2e-3", "0.002")]
    [InlineData("0.000000000000000000000000001", "1e-27")]
    [InlineData("-0", "0")]
    [InlineData("-0.0e5", "0")]
    [InlineData("1.0", "1")]
    [InlineData("1e-400", "0")]
    [InlineData("123e20", "1.23e+22")]
    [InlineData("2.2250738585072011e-308", "2.225073858507201e-308")]
    [InlineData("4.9406564584124654e-324", "5e-324")]
    [InlineData("1.7976931348623157e308", "1.7976931348623157e+308")]
    [InlineData("0.1000000000000000055511151231257827021181583404541015625", "0.1")]
    public void Canonicalize_reformats_number_literals(string literal, string expected)
    {
        byte[] canonical = JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(literal));

        Assert.Equal(expected, Encoding.UTF8.GetString(canonical));
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("1.7976931348623159e308")]
    public void Canonicalize_rejects_number_beyond_double(string literal)
    {
        var exception = Assert.Throws<InvalidInputException>(
            () => JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(literal)));

        Assert.Contains(literal, exception.Message, StringComparison.Ordinal);
        Assert.Contains("byte offset 0", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Canonicalize_names_member_of_rejected_number()
    {
        byte[] json = """{"id": "x", "score": [1, 1e400]}"""u8.ToArray();

        var exception = Assert.Throws<InvalidInputException>(() => JsonCanonicalizer.Canonicalize(json));

        Assert.Contains("byte offset 25", exception.Message, StringComparison.Ordinal);
        Assert.Contains("member \"score\"", exception.Message, StringComparison.Ordinal);
    }
}
