namespace IntelGraph.Ledger;

/// <summary>
/// A claim as the ledger keeps it: the JSON object exactly as received (UTF-8, every member kept,
/// including the ones IntelGraph does not know) and its digest.
/// </summary>
/// <param name="Id">The claim's <c>id</c> member.</param>
/// <param name="Digest">"sha256:" followed by 64 lowercase hex characters.</param>
/// <param name="Body">The claim object's UTF-8 JSON text, byte for byte as received.</param>
public sealed record Claim(string Id, string Digest, ReadOnlyMemory<byte> Body);

/// <summary>A claim read back from the ledger with its position in the tenant's append order.</summary>
public sealed record LedgerEntry(long Sequence, Claim Claim, IntelGraph.Core.SourceLocation? Origin);
