namespace IntelGraph.Release.Records;

/// <summary>
/// A signed release record: a tag promoted to an environment after its gates passed. The signature
/// covers the RFC 8785 canonical form of every other member.
/// </summary>
/// <param name="By">Who promoted: <c>--by</c>, else the operating system user.</param>
/// <param name="Commit">The repository commit the gates ran from, when known.</param>
public sealed record ReleaseRecord(
    int FormatVersion,
    string Tag,
    string Environment,
    string Target,
    IReadOnlyList<RecordedGate> Gates,
    string By,
    DateTimeOffset At,
    string? Commit,
    RecordSignature? Signature)
{
    public const int CurrentFormatVersion = 1;
}

/// <summary>One passed gate of a record and its evidence file, relative to the records folder, with the file's SHA-256.</summary>
public sealed record RecordedGate(string Gate, string Status, string Evidence, string Sha256);

/// <summary>The record's ES256 detached JWS and the key that made it.</summary>
public sealed record RecordSignature(string Alg, string Kid, string Jws);
