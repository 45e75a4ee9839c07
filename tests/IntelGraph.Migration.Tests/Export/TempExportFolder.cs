using System.Text;
using IntelGraph.Migration.Export;

namespace IntelGraph.Migration.Tests.Export;

/// <summary>A temporary export root that tests write small files into, deleted on dispose.</summary>
internal sealed class TempExportFolder : IDisposable
{
    public TempExportFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "intelgraph-export-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>Writes <paramref name="text"/> as UTF-8, with a byte-order mark when asked, and returns the file.</summary>
    public ExportFile WriteText(string relativePath, string text, bool byteOrderMark = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return WriteBytes(relativePath, byteOrderMark ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes);
    }

    public ExportFile WriteBytes(string relativePath, byte[] bytes)
    {
        var file = new ExportFile(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(file.FullPath)!);
        File.WriteAllBytes(file.FullPath, bytes);
        return file;
    }

    public void CreateFolder(string relativePath) => Directory.CreateDirectory(Path.Combine(Root, relativePath));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless, and failing here would hide the test's own result.
        }
    }
}
