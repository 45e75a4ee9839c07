using System.Security.Cryptography;

namespace IntelGraph.Flags.Model;

/// <summary>The revision of a flags file: <c>sha256:</c> and the hex SHA-256 of its bytes, so any edit gives a new revision.</summary>
public static class FlagsRevision
{
    public static string Of(ReadOnlySpan<byte> content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
}
