using IntelGraph.Release.Evidence;
using IntelGraph.Release.Gates;
using IntelGraph.Release.Policy;
using IntelGraph.Release.Security;
using IntelGraph.Release.Target;
using IntelGraph.Release.Tests.Infrastructure;
using IntelGraph.Release.Tools;
using IntelGraph.Testing;

namespace IntelGraph.Release.Tests;

/// <summary>The gates that read the repository: the security gate, and the SBOM and licences of the compliance gate.</summary>
public sealed class RepositoryGateTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ReleasePolicy RepositoryPolicy => ReleasePolicy.Read(Path.Combine(RepositoryFolders.Root, ReleasePolicy.DefaultPath));

    private static GateContext RepositoryContext(string repository, string artifacts) =>
        new(null, [], new AccessPolicy([]), artifacts, repository, TimeProvider.System, SilentGateProgress.Instance);

    [Fact]
    public async Task Repository_has_no_committed_secret()
    {
        var files = await GitRepository.ListTrackedFilesAsync(RepositoryFolders.Root, Token);

        var (findings, scanned, _) = await SecretScanner.ScanAsync(RepositoryFolders.Root, files, RepositoryPolicy.SecretScanExceptions, Token);

        Assert.True(findings.Count == 0, string.Join(Environment.NewLine, findings));
        Assert.True(scanned > 100, $"only {scanned} files scanned");
    }

    [Fact]
    public async Task Security_gate_finds_a_committed_key()
    {
        var repository = Path.Combine(Path.GetTempPath(), $"leaky-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(repository, "deploy"));
        await File.WriteAllTextAsync(Path.Combine(repository, "deploy", "values.yaml"), "db:\n  password: " + "Zq8" + "vN2kLp5Xw7Rt\n", Token);
        await File.WriteAllTextAsync(Path.Combine(repository, "untracked.yaml"), "password: " + "Zq8" + "vN2kLp5Xw7Rt\n", Token);
        await ExternalCommand.RunAsync("git", ["init", "-q"], repository, TimeSpan.FromSeconds(30), Token);
        await ExternalCommand.RunAsync("git", ["add", "deploy/values.yaml"], repository, TimeSpan.FromSeconds(30), Token);

        try
        {
            var evidence = await SecurityGate.RunAsync(RepositoryContext(repository, Path.Combine(repository, "artifacts")), RepositoryPolicy, "missing.csproj", null, Token);

            Assert.Equal(GateStatus.Fail, evidence.Status);
            var scan = Assert.Single(evidence.Checks, check => check.Id == "secret-scan");
            Assert.Equal(CheckStatus.Fail, scan.Status);
            Assert.Equal("deploy/values.yaml:2: config-secret (Zq8…)", scan.Data["finding1"]);
            Assert.False(scan.Data.ContainsKey("finding2"));
            Assert.DoesNotContain("vN2kLp5Xw7Rt", scan.Detail, StringComparison.Ordinal);
            Assert.NotEqual(CheckStatus.Pass, Assert.Single(evidence.Checks, check => check.Id == "dependency-audit").Status);
        }
        finally
        {
            Directory.Delete(repository, recursive: true);
        }
    }

    [Fact]
    public async Task Security_gate_never_passes_an_audit_without_data()
    {
        var artifacts = Path.Combine(Path.GetTempPath(), $"security-{Guid.NewGuid():N}");

        var evidence = await SecurityGate.RunAsync(RepositoryContext(RepositoryFolders.Root, artifacts), RepositoryPolicy, "src/IntelGraph.Cli/IntelGraph.Cli.csproj", null, Token);

        var audit = Assert.Single(evidence.Checks, check => check.Id == "dependency-audit");
        Assert.True(audit.Required);
        Assert.Contains("sources", audit.Data.Keys);
        if (audit.Status != CheckStatus.Pass)
        {
            Assert.Equal(GateStatus.Fail, evidence.Status);
        }

        Assert.Equal(CheckStatus.Pass, Assert.Single(evidence.Checks, check => check.Id == "secret-scan").Status);
        Directory.Delete(artifacts, recursive: true);
    }

    [Fact]
    public async Task Compliance_gate_writes_an_sbom_with_licences()
    {
        await using var target = await GateTarget.StartAsync();
        var context = target.Context();

        var evidence = await ComplianceGate.RunAsync(context, RepositoryPolicy, "src/IntelGraph.Cli/IntelGraph.Cli.csproj", null, Token);

        Assert.True(evidence.Status == GateStatus.Pass, string.Join("; ", evidence.Checks.Where(check => check.Status != CheckStatus.Pass).Select(check => $"{check.Id}: {check.Detail}")));
        var sbom = Assert.Single(evidence.Checks, check => check.Id == "sbom");
        Assert.Equal("CycloneDX 6.3.1", sbom.Data["tool"]);
        var bytes = await File.ReadAllBytesAsync(Path.Combine(context.ArtifactsFolder, sbom.Data["sbom"]), Token);
        Assert.Equal(EvidenceFile.Digest(bytes), sbom.Data["sbomSha256"]);
        var licences = Assert.Single(evidence.Checks, check => check.Id == "licences");
        Assert.Equal("MIT", licences.Data["YamlDotNet@18.1.0"]);
        Assert.Equal("PostgreSQL", licences.Data["Npgsql@10.0.3"]);
    }
}
