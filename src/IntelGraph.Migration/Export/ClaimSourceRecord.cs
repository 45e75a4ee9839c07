using System.Diagnostics.CodeAnalysis;
using System.Text;
using IntelGraph.Core;

namespace IntelGraph.Migration.Export;

/// <summary>
/// One element of a <c>claims.json</c> array: its bytes exactly as they are in the file and, when it is a
/// claim object with a string <c>id</c> and <c>hash</c>, those two members. Checking the hash against the
/// claim's digest is left to the importer.
/// </summary>
public sealed class ClaimSourceRecord
{
    internal ClaimSourceRecord(ReadOnlyMemory<byte> utf8Json, SourceLocation location, string? id, string? hash, string? detail)
    {
        Utf8Json = utf8Json;
        Location = location;
        Id = id;
        Hash = hash;
        Detail = detail;
    }

    /// <summary>
    /// The element's UTF-8 bytes from its first to its last non-white-space byte. For an element larger than the
    /// reader's limit these are only its first bytes, and <see cref="Detail"/> reports that.
    /// </summary>
    public ReadOnlyMemory<byte> Utf8Json { get; }

    /// <summary>The file and the line on which the element starts.</summary>
    public SourceLocation Location { get; }

    /// <summary>The claim's <c>id</c> member, also on an unparsable record when that member could be read.</summary>
    public string? Id { get; }

    /// <summary>The claim's <c>hash</c> member as written, such as <c>sha256:…</c>, or null when it could not be read.</summary>
    public string? Hash { get; }

    /// <summary>One sentence on what is wrong with the element, or null when it was parsed.</summary>
    public string? Detail { get; }

    // CS8775: the compiler cannot see that the reader sets Id and Hash on every record without a Detail.
#pragma warning disable CS8775
    [MemberNotNullWhen(true, nameof(Id), nameof(Hash))]
    [MemberNotNullWhen(false, nameof(Detail))]
    public bool IsParsed => Detail is null;
#pragma warning restore CS8775

    /// <summary>
    /// Decodes <see cref="Utf8Json"/> to a string for a quarantine entry. Invalid UTF-8 sequences become U+FFFD, so
    /// the text differs from the file exactly when <see cref="Detail"/> reports invalid UTF-8.
    /// </summary>
    public string GetRawText() => Encoding.UTF8.GetString(Utf8Json.Span);

    public override string ToString() => IsParsed ? $"{Location}: {Id}" : $"{Location}: unparsable: {Detail}";
}
