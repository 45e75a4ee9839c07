using System.Text;

namespace IntelGraph.Migration.Sample;

/// <summary>A claim's source: who published it, where, and the full citation.</summary>
internal sealed record SampleSource(string Name, string Url, string Citation);

/// <summary>The two entities a claim is about, with their labels derived once for all the text that names them.</summary>
internal readonly record struct ClaimParties(SampleEntityRef Subject, string SubjectLabel, SampleEntityRef Object, string ObjectLabel)
{
    public static ClaimParties Of(SampleEntityRef subject, SampleEntityRef @object) => new(subject, subject.Label, @object, @object.Label);
}

/// <summary>
/// Writes the prose of a sample export: claim statements with Markdown links and citations,
/// source lists and report titles. All text is invented and draws from the caller's random stream.
/// </summary>
internal static class SampleText
{
    private const string KnowledgeBaseUrl = "https://kb.pilot-sample.example/";

    private static readonly string[] _publishers =
    [
        "Ironbridge Labs", "Northgate Security", "Halcyon Threat Research", "Vantage ICS", "Blue Meridian CERT",
        "Kestrel Intelligence", "Atlas Grid Security", "Sécurité Réseau Lab", "Corvid Response", "Lodestar Analytics",
        "Fennec Cyber", "Tessellate Defense", "Polar Signal Research", "Greywater Incident Response", "Meridian Utilities ISAC",
    ];

    private static readonly string[] _publisherHosts =
    [
        "ironbridge-labs", "northgate-security", "halcyon-research", "vantage-ics", "bluemeridian-cert",
        "kestrel-intel", "atlasgrid", "securite-reseau", "corvid-response", "lodestar-analytics",
        "fennec-cyber", "tessellate", "polarsignal", "greywater-ir", "meridian-isac",
    ];

    private static readonly string[] _months =
    [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ];

    private static readonly string[] _purposes =
    [
        "move laterally into the control network", "reach engineering workstations", "stop operator visibility",
        "alter setpoints on field devices", "harvest credentials from jump hosts", "disable safety functions",
        "stage tools on the historian", "keep access through vendor connections",
    ];

    private static readonly string[] _evidence =
    [
        "shared infrastructure", "overlapping code", "reused credentials", "common tooling and timing",
        "a shared certificate", "operator mistakes in the intrusion logs",
    ];

    public static SampleSource[] Sources(Random random, in ClaimParties parties, bool allowNone)
    {
        int count = allowNone && random.Next(5) < 3 ? 0 : 1 + (random.Next(6) / 4);
        if (count == 0)
        {
            return [];
        }

        var sources = new SampleSource[count];
        for (int i = 0; i < sources.Length; i++)
        {
            sources[i] = Source(random, parties);
        }

        return sources;
    }

    public static string Statement(Random random, in ClaimParties parties, string predicate, SampleSource[] sources)
    {
        if (sources.Length == 0)
        {
            return "";
        }

        var text = new StringBuilder(256);
        switch (predicate)
        {
            case SamplePredicates.Uses when parties.Object.Kind == SampleEntityKind.Malware:
                AppendLink(text, parties.Subject, parties.SubjectLabel).Append(" deployed ");
                AppendLink(text, parties.Object, parties.ObjectLabel).Append(" against ").Append(SampleVocabulary.Sector(random)).Append(" operators.");
                break;

            case SamplePredicates.Uses:
                AppendLink(text, parties.Subject, parties.SubjectLabel).Append(" has used ").Append(parties.ObjectLabel).Append(" to ")
                    .Append(_purposes[random.Next(_purposes.Length)]).Append('.');
                break;

            case SamplePredicates.Mitigates:
                text.Append(parties.SubjectLabel).Append(" reduces exposure to ").Append(parties.ObjectLabel)
                    .Append(". Apply it first on assets that bridge the corporate and control networks.");
                break;

            case SamplePredicates.AttributedTo:
                AppendLink(text, parties.Subject, parties.SubjectLabel).Append(" was attributed to ");
                AppendLink(text, parties.Object, parties.ObjectLabel).Append(" on the basis of ").Append(_evidence[random.Next(_evidence.Length)]).Append('.');
                break;

            default:
                AppendLink(text, parties.Subject, parties.SubjectLabel).Append(" can affect ").Append(parties.ObjectLabel).Append(" devices.");
                break;
        }

        // Many legacy statements carry a second paragraph, whose line break must survive JSON escaping.
        if (random.Next(4) == 0)
        {
            text.Append("\n\nSee the ").Append(SampleVocabulary.Sector(random)).Append(" advisory for indicators.");
        }

        foreach (SampleSource source in sources)
        {
            text.Append(" (Citation: ").Append(source.Name).Append(')');
        }

        return text.ToString();
    }

    /// <summary>Returns a report title: the citation of the report's source, sometimes with ASCII quotes and a line break.</summary>
    public static string ReportTitle(Random random, SampleSource source, bool messy)
    {
        if (!messy || random.Next(3) != 0)
        {
            return source.Citation;
        }

        return random.Next(2) == 0
            ? string.Concat("\"Draft\" ", source.Citation)
            : string.Concat(source.Citation, "\nReviewed copy, see the case notes.");
    }

    private static SampleSource Source(Random random, in ClaimParties parties)
    {
        int publisher = random.Next(_publishers.Length);
        int year = 2016 + random.Next(9);
        string month = _months[random.Next(_months.Length)];
        int day = 1 + random.Next(28);
        string title = Title(random, parties);

        string name = random.Next(2) == 0 ? _publishers[publisher] : $"{_publishers[publisher]} {month} {year}";
        string url = $"https://www.{_publisherHosts[publisher]}.example/research/{year}/{random.Next(0x1000000):x6}";
        string retrieved = $"{_months[random.Next(_months.Length)]} {1 + random.Next(28)}, {year + 1 + random.Next(2)}";
        string citation = $"{_publishers[publisher]}. ({year}, {month} {day}). {title}. Retrieved {retrieved}.";
        return new SampleSource(name, url, citation);
    }

    private static string Title(Random random, in ClaimParties parties) =>
        random.Next(6) switch
        {
            0 => $"{parties.ObjectLabel}: Inside a New {SampleVocabulary.Sector(random)} Threat",
            1 => $"{parties.SubjectLabel} Targets {SampleVocabulary.Sector(random)} Operators",
            2 => $"Threat Profile: {parties.SubjectLabel}",
            3 => $"Hunting for {parties.ObjectLabel} in {SampleVocabulary.Sector(random)} Networks",
            4 => $"{parties.SubjectLabel}’s Toolkit Revisited",
            _ => $"Lessons Learned, Responding to {parties.SubjectLabel}",
        };

    private static StringBuilder AppendLink(StringBuilder text, SampleEntityRef entity, string label) =>
        text.Append('[').Append(label).Append("](").Append(KnowledgeBaseUrl)
            .Append(entity.Kind.TypeName()).Append('/').Append(SampleVocabulary.CatalogueNumber(entity.Kind, entity.NameSeed)).Append(')');
}
