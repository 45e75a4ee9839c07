using System.Security.Cryptography;
using IntelGraph.Core;
using IntelGraph.Release.Evidence;

namespace IntelGraph.Release.Tests;

public sealed class EvidenceTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static EvidenceRecorder NewRecorder() => new("smoke", "http://127.0.0.1:1/", TimeProvider.System, SilentGateProgress.Instance);

    [Fact]
    public async Task Gate_passes_when_every_check_passes()
    {
        var recorder = NewRecorder();
        await recorder.RunAsync("a", "A", required: true, () => Task.FromResult(CheckOutcome.Pass("fine")));
        recorder.NotAvailable("b", "B", "not built");

        var evidence = recorder.Finish("c0ffee");

        Assert.Equal(GateStatus.Pass, evidence.Status);
        Assert.Equal(CheckStatus.NotAvailable, evidence.Checks[1].Status);
        Assert.False(evidence.Checks[1].Required);
    }

    [Fact]
    public async Task Failed_check_fails_the_gate()
    {
        var recorder = NewRecorder();
        await recorder.RunAsync("a", "A", required: false, () => Task.FromResult(CheckOutcome.Fail("broken")));

        Assert.Equal(GateStatus.Fail, recorder.Finish(null).Status);
    }

    [Fact]
    public async Task Required_check_not_available_fails_the_gate()
    {
        var recorder = NewRecorder();
        await recorder.RunAsync("a", "A", required: true, () => Task.FromResult(CheckOutcome.NotAvailable("no data")));

        Assert.Equal(GateStatus.Fail, recorder.Finish(null).Status);
    }

    [Fact]
    public void Gate_without_checks_fails() => Assert.Equal(GateStatus.Fail, NewRecorder().Finish(null).Status);

    [Fact]
    public async Task Request_error_becomes_a_failed_check()
    {
        var recorder = NewRecorder();
        await recorder.RunAsync("a", "A", required: true, () => throw new HttpRequestException("connection refused"));
        await recorder.RunAsync("b", "B", required: true, () => Task.FromResult(CheckOutcome.Pass("still runs")));

        Assert.Equal(CheckStatus.Fail, recorder.Checks[0].Status);
        Assert.Contains("connection refused", recorder.Checks[0].Detail, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Pass, recorder.Checks[1].Status);
    }

    [Fact]
    public async Task Written_file_hash_is_its_sha256()
    {
        var recorder = NewRecorder();
        recorder.Input("requests", "10");
        await recorder.RunAsync("a", "A", required: true, () => Task.FromResult(CheckOutcome.Pass("fine", new Dictionary<string, string> { ["x"] = "1" })));
        var evidence = recorder.Finish("c0ffee");
        var path = Path.Combine(Path.GetTempPath(), $"evidence-{Guid.NewGuid():N}.json");

        try
        {
            var digest = await EvidenceFile.WriteAsync(path, evidence, Token);

            var bytes = await File.ReadAllBytesAsync(path, Token);
            Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)), digest);
            var text = System.Text.Encoding.UTF8.GetString(bytes);
            Assert.Contains("\n  \"gate\": \"smoke\"", text, StringComparison.Ordinal);
            Assert.Contains("\"status\": \"pass\"", text, StringComparison.Ordinal);
            var read = EvidenceFile.Parse(bytes, path);
            Assert.Equal("c0ffee", read.Commit);
            Assert.Equal("10", read.Inputs["requests"]);
            Assert.Equal("1", read.Checks[0].Data["x"]);
            Assert.Equal("intelgraph", read.Tool.Name);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Other_format_version_is_rejected()
    {
        var text = """{"formatVersion":2,"gate":"smoke","status":"pass","target":null,"tool":{"name":"x","version":"1"},"commit":null,"inputs":{},"startedAt":"2026-01-01T00:00:00Z","finishedAt":"2026-01-01T00:00:00Z","checks":[]}""";

        var error = Assert.Throws<InvalidInputException>(() => EvidenceFile.Parse(System.Text.Encoding.UTF8.GetBytes(text), "e.json"));

        Assert.Contains("format version 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Not_available_is_written_with_a_hyphen()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(CheckStatus.NotAvailable);

        Assert.Equal("\"not-available\"", json);
    }
}
