using IntelGraph.Release.Policy;
using IntelGraph.Release.Security;

namespace IntelGraph.Release.Tests;

public sealed class SecretScannerTests
{
    // The samples are assembled at run time, so this file itself contains nothing the scanner would report.
    private static readonly string PemHeader = "-----BEGIN " + "EC PRIVATE KEY-----";
    private static readonly string Jwt = "eyJ" + "hbGciOiJSUzI1NiJ9" + ".eyJ" + "zdWIiOiJhbGljZSJ9" + "." + new string('s', 40);
    private static readonly string RandomValue = "k9" + "Xq2Lm7Vt4Rw8Zp3";

    [Theory]
    [InlineData("config.yaml", "private-key")]
    [InlineData("Program.cs", "private-key")]
    public void Pem_private_key_is_found(string path, string rule)
    {
        var findings = SecretScanner.ScanText(path, $"text\n{PemHeader}\nMIGH\n").ToList();

        var finding = Assert.Single(findings);
        Assert.Equal(rule, finding.Rule);
        Assert.Equal(2, finding.Line);
    }

    [Fact]
    public void Token_is_found_and_masked()
    {
        var finding = Assert.Single(SecretScanner.ScanText("notes.md", $"curl -H 'Authorization: Bearer {Jwt}'"));

        Assert.Equal("json-web-token", finding.Rule);
        Assert.DoesNotContain(Jwt, finding.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("appsettings.json", "\"password\": \"{0}\"")]
    [InlineData("values.yaml", "clientSecret: {0}")]
    [InlineData("deploy/.env", "API_KEY={0}")]
    [InlineData("run.sh", "export DB=postgres://app:{0}@db:5432/app")]
    public void Config_secret_is_found(string path, string line)
    {
        var findings = SecretScanner.ScanText(path, string.Format(System.Globalization.CultureInfo.InvariantCulture, line, RandomValue)).ToList();

        Assert.NotEmpty(findings);
        Assert.All(findings, finding => Assert.Equal(1, finding.Line));
    }

    [Theory]
    [InlineData("README.md", "postgres://intelgraph:SECRET@db.internal:5432/intelgraph")]
    [InlineData("values.yaml", "password: ${DB_PASSWORD}")]
    [InlineData("values.yaml", "client_secret: ***")]
    [InlineData("values.yaml", "secret: <your-secret-here>")]
    [InlineData("deploy/dev-clients.json", "\"secret\": { \"env\": \"INTELGRAPH_API_SECRET\" },")]
    [InlineData("Program.cs", "var password = ReadPassword();")]
    public void Placeholders_are_not_secrets(string path, string line) => Assert.Empty(SecretScanner.ScanText(path, line));

    [Fact]
    public async Task Policy_exception_skips_the_file()
    {
        var root = Path.Combine(Path.GetTempPath(), $"scan-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(root, "tests"));
        await File.WriteAllTextAsync(Path.Combine(root, "tests", "fixture.pem"), PemHeader, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(root, "leak.pem"), PemHeader, TestContext.Current.CancellationToken);

        try
        {
            var (findings, scanned, skipped) = await SecretScanner.ScanAsync(
                root, ["tests/fixture.pem", "leak.pem"], [new SecretScanException("tests/fixture.pem", "a test key that signs nothing real")], TestContext.Current.CancellationToken);

            Assert.Equal("leak.pem", Assert.Single(findings).Path);
            Assert.Equal(1, scanned);
            Assert.Contains("a test key that signs nothing real", Assert.Single(skipped), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
