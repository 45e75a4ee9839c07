using System.Text;
using IntelGraph.Ledger.Canonical;

namespace IntelGraph.Migration.Tests.Importing;

/// <summary>
/// A small export written by hand with one record of every fault a real pilot export has: byte-order
/// marks, CRLF, quoted commas and newlines, duplicates, edited claims, dangling edges, orphaned tasks.
/// </summary>
internal sealed class MessyExport : IDisposable
{
    public const string UnknownMembersClaim = """{"id":"k4","subject":"e1","predicate":"uses","object":"e2","score":1E+21,"weight":0.10,"extra":{"b":[1,2.50,{"z":null}],"a":"\u00e9"},"hash":"HASH"}""";

    public MessyExport()
    {
        Root = Path.Combine(Path.GetTempPath(), "intelgraph-messy-" + Guid.NewGuid().ToString("N"));
        WriteBase();
        WriteDelta();
    }

    public string Root { get; }

    public string Delta => Path.Combine(Root, "deltas", "0001");

    public static string Claim(string id, string statement) => WithHash($$"""{"id":"{{id}}","subject":"e1","predicate":"uses","object":"e2","statement":"{{statement}}","hash":"HASH"}""");

    /// <summary>Replaces the HASH placeholder with the claim's real digest.</summary>
    public static string WithHash(string claim) => claim.Replace("HASH", ClaimDigest.Compute(Encoding.UTF8.GetBytes(claim)), StringComparison.Ordinal);

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

    private void WriteBase()
    {
        var edited = Claim("k3", "original").Replace("original", "edited later", StringComparison.Ordinal);
        var claims = string.Join(",\n", [
            Claim("k1", "first"),
            Claim("k2", "second"),
            Claim("k1", "first"),
            edited,
            Claim("k2", "second, but changed"),
            "42",
            """{"subject":"no id","hash":"sha256:00"}""",
            WithHash(UnknownMembersClaim),
        ]);
        Write("claims.json", "[\n" + claims + "\n]\n", byteOrderMark: true);
        Write("claim_ids.txt", "k1\r\nk2\r\nk1\r\nk3\r\nk2\r\nk4\r\n");
        Write("export.json", """{"tenant":"pilot","counts":{"claims":8,"entities":7,"edges":4,"cases":2,"tasks":4,"reports":2}}""");

        Write("graph/entities.csv", Crlf(
            "id,label,type,country,createdAt",
            "e1,Sandworm Team,intrusion-set,RU,2020-01-01T00:00:00Z",
            "e2,\"Spearphishing, \"\"targeted\"\"\nwith newline\",attack-pattern,,2020-01-02T00:00:00Z",
            "e3,Plant,x-mitre-asset,,2020-01-03T00:00:00Z",
            "e1,Sandworm Team,intrusion-set,RU,2020-01-01T00:00:00Z",
            "e3,Plant renamed,x-mitre-asset,,2020-01-03T00:00:00Z",
            "e4,missing a field,intrusion-set",
            "e5,Bad time,malware,,yesterday"), byteOrderMark: true);
        Write("graph/edges.csv", Crlf(
            "id,source,target,type,createdAt",
            "x1,e1,e2,uses,2020-02-01T00:00:00Z",
            "x2,e1,e9,uses,2020-02-02T00:00:00Z",
            "x3,e1,e404,targets,2020-02-03T00:00:00Z",
            "x1,e1,e2,uses,2020-02-01T00:00:00Z"));
        Write("legacy/legacy_cases.csv", Crlf(
            "guid,title,owner",
            "c1,Sandworm,analyst-01",
            "c1,Sandworm,analyst-01"));
        Write("legacy/legacy_tasks.csv", Crlf(
            "guid,case_guid,assignee,summary,state,updated_at",
            "t1,c1,analyst-02,Validate Phishing,open,2025-01-01T00:00:00Z",
            "t2,c-gone,analyst-03,Orphan task,open,2025-01-01T00:00:00Z",
            "t3,c1,analyst-04,Validate Plant,open,2025-01-01T00:00:00Z",
            "t4,c1,,No assignee,done,2025-01-01T00:00:00Z"));
        Write("legacy/legacy_reports.csv", Crlf(
            "guid,case_guid,title,audience,key",
            "r1,c1,\"Report, with comma\",partner,reports/r1.pdf",
            "r2,c-gone,Orphan report,internal,reports/r2.pdf"));
    }

    private void WriteDelta()
    {
        Write("deltas/0001/claims.json", "[" + Claim("k5", "from the delta") + "]");
        Write("deltas/0001/claim_ids.txt", "k5\n");
        Write("deltas/0001/export.json", """{"tenant":"pilot","counts":{"claims":1,"entities":1,"edges":0,"cases":0,"tasks":2,"reports":0},"updatedTasks":["t3"]}""");
        Write("deltas/0001/graph/entities.csv", "id,label,type,country,createdAt\ne9,Late arrival,malware,,2020-03-01T00:00:00Z\n");
        Write("deltas/0001/graph/edges.csv", "id,source,target,type,createdAt\n");
        Write("deltas/0001/legacy/legacy_tasks.csv", Crlf(
            "guid,case_guid,assignee,summary,state,updated_at",
            "t3,c1,analyst-04,Validate Plant,done,2025-07-01T00:00:00Z",
            "t1,c1,analyst-02,Validate Phishing,stale,2024-01-01T00:00:00Z"));
    }

    private static string Crlf(params string[] lines) => string.Join("\r\n", lines) + "\r\n";

    private void Write(string relativePath, string text, bool byteOrderMark = false)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = Encoding.UTF8.GetBytes(text);
        File.WriteAllBytes(path, byteOrderMark ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes);
    }
}
