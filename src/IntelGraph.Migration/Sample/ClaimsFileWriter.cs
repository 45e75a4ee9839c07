using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using IntelGraph.Core;
using IntelGraph.Ledger.Canonical;

namespace IntelGraph.Migration.Sample;

/// <summary>How a <c>claims.json</c> element fails to be a claim.</summary>
internal enum UnparsableClaimForm
{
    /// <summary>An object with every claim member except <c>id</c>.</summary>
    MissingId,

    /// <summary>A bare string holding the claim id instead of the claim object.</summary>
    BareString,

    /// <summary>A JSON null.</summary>
    Null,
}

/// <summary>
/// Streams <c>claims.json</c> (one JSON array) and <c>claim_ids.txt</c> (one line per array element)
/// of one part, and computes each claim's hash from the very bytes it writes.
/// </summary>
/// <remarks>
/// Each element is first written into a scratch buffer by a writer that has already opened the
/// surrounding array, so its indentation is the one it has in the file. Before the <c>hash</c> member
/// is added, the object written so far (closed with a brace) is digested: the digest covers exactly
/// the members written, raw number text included. The element is then copied to the file.
/// </remarks>
internal sealed class ClaimsFileWriter : IDisposable
{
    // What jq -r '.[].id' prints for an object without an id. It is written for every element
    // without a string id, so claim_ids.txt keeps one line per element.
    private const string MissingIdLine = "null";

    private readonly FileStream _claims;
    private readonly StreamWriter _ids;
    private readonly string _relativePath;
    private readonly bool _indented;
    private readonly ArrayBufferWriter<byte> _scratch = new(4096);
    private readonly Utf8JsonWriter _json;
    private byte[] _digestInput = new byte[4096];
    private long _nextLine;

    public ClaimsFileWriter(string exportRoot, string partDirectory, bool indented)
    {
        _relativePath = PartFiles.PartPath(partDirectory, "claims.json");
        _indented = indented;
        _claims = new FileStream(Path.Combine(exportRoot, _relativePath), FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 20);
        var idsStream = new FileStream(
            Path.Combine(exportRoot, PartFiles.PartPath(partDirectory, "claim_ids.txt")), FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        _ids = new StreamWriter(idsStream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16) { NewLine = "\n" };

        // Minimal escaping, as in the pilot's claims.json: non-ASCII text stays UTF-8.
        _json = new Utf8JsonWriter(_scratch, new JsonWriterOptions
        {
            Indented = indented,
            IndentSize = 1,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });

        _claims.WriteByte((byte)'[');
        _nextLine = indented ? 2 : 1;
    }

    /// <summary>Elements of the JSON array written so far.</summary>
    public long Elements { get; private set; }

    /// <summary>Writes a claim with its hash and returns the 1-based line it starts on.</summary>
    /// <param name="hashedContent">The content the hash is computed from, when it differs from what is
    /// written (a claim edited after hashing); null to hash the written content.</param>
    public long WriteClaim(SampleClaim claim, SampleClaim? hashedContent = null)
    {
        string? hash = null;
        if (hashedContent is not null)
        {
            BeginElement();
            _json.WriteStartObject();
            ClaimJson.WriteMembers(_json, hashedContent, includeId: true);
            hash = DigestOpenObject();
        }

        BeginElement();
        _json.WriteStartObject();
        ClaimJson.WriteMembers(_json, claim, includeId: true);
        hash ??= DigestOpenObject();
        _json.WriteString(ClaimJson.HashName, hash);
        _json.WriteEndObject();
        return CommitElement(claim.Id);
    }

    /// <summary>Writes an element that an import cannot read as a claim and returns the 1-based line it starts on.</summary>
    public long WriteUnparsable(SampleClaim basis, UnparsableClaimForm form)
    {
        BeginElement();
        switch (form)
        {
            case UnparsableClaimForm.MissingId:
                _json.WriteStartObject();
                ClaimJson.WriteMembers(_json, basis, includeId: false);
                _json.WriteString(ClaimJson.HashName, DigestOpenObject());
                _json.WriteEndObject();
                break;

            case UnparsableClaimForm.BareString:
                _json.WriteStringValue(basis.Id);
                break;

            default:
                _json.WriteNullValue();
                break;
        }

        return CommitElement(MissingIdLine);
    }

    public SourceLocation Location(long line) => new(_relativePath, line);

    /// <summary>Closes the JSON array. The file ends without a final line break, like the pilot's.</summary>
    public void Complete()
    {
        _claims.Write(_indented && Elements > 0 ? "\n]"u8 : "]"u8);
        _claims.Flush();
        _ids.Flush();
    }

    public void Dispose()
    {
        _json.Dispose();
        _claims.Dispose();
        _ids.Dispose();
    }

    private void BeginElement()
    {
        _scratch.ResetWrittenCount();
        _json.Reset(_scratch);
        _json.WriteStartArray();
    }

    /// <summary>Digests the object written since <see cref="BeginElement"/>, which is still open.</summary>
    private string DigestOpenObject()
    {
        _json.Flush();
        ReadOnlySpan<byte> written = _scratch.WrittenSpan;
        int objectStart = written.IndexOf((byte)'{');
        int length = written.Length - objectStart;
        if (_digestInput.Length < length + 1)
        {
            _digestInput = new byte[Math.Max(_digestInput.Length * 2, length + 1)];
        }

        written[objectStart..].CopyTo(_digestInput);
        _digestInput[length] = (byte)'}';
        return ClaimDigest.Compute(_digestInput.AsSpan(0, length + 1));
    }

    private long CommitElement(string idLine)
    {
        _json.Flush();

        // The scratch starts with the array's "[" (and, indented, its line break), which the file already has.
        ReadOnlySpan<byte> element = _scratch.WrittenSpan[(_indented ? 2 : 1)..];
        if (Elements > 0)
        {
            _claims.Write(_indented ? ",\n"u8 : ","u8);
            _nextLine += _indented ? 1 : 0;
        }
        else if (_indented)
        {
            _claims.WriteByte((byte)'\n');
        }

        long line = _nextLine;
        _claims.Write(element);
        _nextLine += element.Count((byte)'\n');
        _ids.WriteLine(idLine);
        Elements++;
        return line;
    }
}
