using System.Text;
using IntelGraph.Flags.Model;
using IntelGraph.Flags.Yaml;

namespace IntelGraph.Flags.Audit;

/// <summary>Replaces a flags file only after its changes are in the audit log, so no change takes effect unrecorded.</summary>
public static class AuditedFlagsFile
{
    /// <summary>
    /// Writes <paramref name="content"/> beside the file, appends an audit entry for every setting that
    /// differs from <paramref name="before"/>, then moves the new file into place. A failed audit write
    /// leaves the flags file unchanged.
    /// </summary>
    /// <param name="before">The document the file contains now, which the audit entries compare against.</param>
    /// <param name="source">The audit entries' source, such as <see cref="FlagAuditEntry.SourceCli"/>.</param>
    /// <returns>The <c>sha256:</c> revision of the new content.</returns>
    /// <exception cref="FlagsFileException">The content is not a valid flags file. Nothing was written.</exception>
    public static async Task<string> ReplaceAsync(
        string path,
        string? auditPath,
        byte[] content,
        FlagsDocument before,
        string changedBy,
        string source,
        DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(path);
        var after = FlagsFileReader.Parse(Encoding.UTF8.GetString(content), path);
        var revision = FlagsRevision.Of(content);

        var temporary = fullPath + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        await File.WriteAllBytesAsync(temporary, content, cancellationToken).ConfigureAwait(false);
        try
        {
            var log = new FlagAuditLog(auditPath ?? FlagAuditLog.DefaultPathFor(fullPath));
            var entries = FlagAuditEntries.ForChange(FlagChanges.Flatten(before), after, fullPath, revision, source, at, changedBy);
            await log.AppendAsync(entries, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return revision;
    }
}
