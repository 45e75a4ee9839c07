using IntelGraph.Cypher.Graph;

namespace IntelGraph.Cypher.Tests;

public sealed class TemporalTests
{
    private static string Evaluate(string expression)
    {
        var result = CypherEngine.Execute(new InMemoryPropertyGraph(), $"RETURN {expression} AS value", cancellationToken: TestContext.Current.CancellationToken);
        return Assert.Single(result.Rows)[0].ToString();
    }

    [Theory]
    [InlineData("date('2015-W30-2')", "'2015-07-21'")]
    [InlineData("date({year: 1984, ordinalDay: 202})", "'1984-07-20'")]
    [InlineData("localtime('214032.142')", "'21:40:32.142'")]
    [InlineData("time({hour: 12, minute: 31, timezone: '+01:00'})", "'12:31+01:00'")]
    [InlineData("datetime('2015-07-21T21:40:32.142+0100')", "'2015-07-21T21:40:32.142+01:00'")]
    [InlineData("datetime({year: 1984, month: 10, day: 11, hour: 12, timezone: 'Europe/Stockholm'})", "'1984-10-11T12:00+01:00[Europe/Stockholm]'")]
    public void Constructors_parse_iso_forms(string expression, string expected)
    {
        Assert.Equal(expected, Evaluate(expression));
    }

    [Theory]
    [InlineData("duration('P1Y2M10DT12H45M30.25S')", "'P1Y2M10DT12H45M30.25S'")]
    [InlineData("duration({months: 0.75})", "'P22DT19H51M49.5S'")]
    [InlineData("duration.between(date('1984-10-11'), date('2016-07-21'))", "'P31Y9M10D'")]
    [InlineData("date('2015-01-31') + duration('P1M')", "'2015-02-28'")]
    [InlineData("localtime('23:30') + duration('PT1H')", "'00:30'")]
    public void Durations_follow_calendar_rules(string expression, string expected)
    {
        Assert.Equal(expected, Evaluate(expression));
    }

    [Fact]
    public void Truncate_keeps_coarser_fields()
    {
        Assert.Equal("'1984-10-08'", Evaluate("date.truncate('week', date('1984-10-11'))"));
        Assert.Equal("'2000-01-02'", Evaluate("date.truncate('millennium', date('2017-10-11'), {day: 2})"));
    }

    [Fact]
    public void Components_are_readable_as_properties()
    {
        Assert.Equal("2015", Evaluate("date('2015-07-21').weekYear"));
        Assert.Equal("30", Evaluate("date('2015-07-21').week"));
        Assert.Equal("45", Evaluate("duration('PT1H45M').minutesOfHour"));
    }

    [Fact]
    public void Datetimes_compare_as_instants()
    {
        Assert.Equal("true", Evaluate("datetime('2015-07-21T21:40+01:00') < datetime('2015-07-21T21:30Z')"));
    }
}
