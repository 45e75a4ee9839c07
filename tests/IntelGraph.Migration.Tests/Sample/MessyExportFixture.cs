namespace IntelGraph.Migration.Tests.Sample;

/// <summary>One export with every fault switched on, generated once and only read by the tests that share it.</summary>
public sealed class MessyExportFixture : IDisposable
{
    internal GeneratedExport Export { get; } = new(GeneratedExport.Messy());

    public void Dispose() => Export.Dispose();
}
