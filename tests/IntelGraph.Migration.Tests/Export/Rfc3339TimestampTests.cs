using IntelGraph.Migration.Export;

namespace IntelGraph.Migration.Tests.Export;

public sealed class Rfc3339TimestampTests
{
    [Theory]
    [InlineData("2025-06-01T00:00:00Z")]
    [InlineData("2025-06-01T00:00:00.000Z")]
    [InlineData("2025-06-01T23:59:59.123456789Z")]
    [InlineData("2025-06-01t12:00:00z")]
    [InlineData("2025-06-01T12:00:00+05:30")]
    [InlineData("2025-06-01T12:00:00-00:00")]
    [InlineData("2024-02-29T00:00:00Z")]
    [InlineData("9999-12-31T00:00:00.000Z")]
    public void Valid_timestamp_is_accepted(string text) => Assert.True(Rfc3339Timestamp.IsValid(text));

    [Theory]
    [InlineData("")]
    [InlineData("2025-06-01")]
    [InlineData("2025-06-01T00:00:00")]
    [InlineData("2025-06-01 00:00:00Z")]
    [InlineData("2025-06-01T00:00Z")]
    [InlineData("2025-6-01T00:00:00Z")]
    [InlineData("2025-06-01T00:00:00.Z")]
    [InlineData("2025-06-01T00:00:00.5")]
    [InlineData("2025-06-01T00:00:00+0530")]
    [InlineData("2025-06-01T00:00:00+24:00")]
    [InlineData("2025-13-01T00:00:00Z")]
    [InlineData("2025-02-29T00:00:00Z")]
    [InlineData("2025-04-31T00:00:00Z")]
    [InlineData("2025-06-01T24:00:00Z")]
    [InlineData("2025-06-01T23:60:00Z")]
    [InlineData("2016-12-31T23:59:60Z")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("2025-06-01T00:00:00Z ")]
    [InlineData("２０２５-06-01T00:00:00Z")]
    public void Invalid_timestamp_is_rejected(string text) => Assert.False(Rfc3339Timestamp.IsValid(text));
}
