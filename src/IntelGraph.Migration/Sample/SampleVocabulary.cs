namespace IntelGraph.Migration.Sample;

/// <summary>
/// Invented threat-intelligence names: groups, campaigns, malware, techniques, assets and
/// mitigations. Every name is a pure function of a seed, so the same seed always gives the same
/// label and no label has to be kept in memory.
/// </summary>
internal static class SampleVocabulary
{
    private static readonly string[] _groupAdjectives =
    [
        "Amber", "Ashen", "Basalt", "Cobalt", "Copper", "Crimson", "Dusk", "Ember", "Frost", "Granite",
        "Hollow", "Indigo", "Iron", "Jade", "Lunar", "Marble", "Neon", "Obsidian", "Onyx", "Pale",
        "Quartz", "Rust", "Saffron", "Silent", "Slate", "Sterling", "Tidal", "Umber", "Velvet", "Winter",
    ];

    private static readonly string[] _groupAnimals =
    [
        "Badger", "Basilisk", "Condor", "Coyote", "Falcon", "Ferret", "Gecko", "Heron", "Hornet", "Ibex",
        "Jackal", "Kestrel", "Lynx", "Mantis", "Marten", "Moth", "Narwhal", "Ocelot", "Osprey", "Panther",
        "Raven", "Scorpion", "Shrike", "Stoat", "Tapir", "Viper", "Vulture", "Wasp", "Wolverine", "Yak",
    ];

    private static readonly string[] _groupCodeWords =
    [
        "VERMILION", "CHALCEDONY", "PUMICE", "GALENA", "CINNABAR", "FELDSPAR", "MALACHITE", "RHODIUM",
        "SPINEL", "TOURMALINE", "ZIRCON", "BERYL", "CORUNDUM", "OLIVINE", "PYRITE", "SCHIST",
    ];

    private static readonly string[] _operationWords =
    [
        "Blackout", "Cinder", "Driftwood", "Echo", "Faultline", "Glasswing", "Halfmoon", "Ironclad",
        "Jetstream", "Keystone", "Lantern", "Monsoon", "Nightfall", "Overcast", "Palisade", "Quicksilver",
        "Riptide", "Sandstorm", "Tinderbox", "Undertow", "Vanguard", "Whiteout", "Yardarm", "Zephyr",
    ];

    private static readonly string[] _regions =
    [
        "Baltic", "Balkan", "Nordic", "Gulf", "Andean", "Iberian", "Caspian", "Pacific", "Alpine", "Adriatic",
    ];

    private static readonly string[] _sectors =
    [
        "Electric Utility", "Water Utility", "Oil and Gas", "Manufacturing", "Rail", "Chemical", "Mining",
        "Maritime Port", "Pipeline", "Wastewater",
    ];

    private static readonly string[] _incidents = ["Intrusion", "Disruption", "Outage", "Compromise", "Breach"];

    private static readonly string[] _malwareStems =
    [
        "Black", "Grid", "Kill", "Shadow", "Volt", "Pipe", "Ember", "Crash", "Sting", "Rot",
        "Sway", "Torque", "Relay", "Breaker", "Coil", "Flux", "Ohm", "Spark", "Valve", "Sluice",
    ];

    private static readonly string[] _malwareSuffixes =
    [
        "Loader", "Wiper", "RAT", "Door", "Bot", "Spy", "Locker", "Kit", "Worm", "Stager",
    ];

    private static readonly string[] _malwareVersions = ["", "", "2", ".B", " Mini", " NG"];

    private static readonly string[] _techniqueVerbs =
    [
        "Modify", "Spoof", "Block", "Manipulate", "Exploit", "Inhibit", "Abuse", "Collect",
        "Brute Force", "Hijack", "Suppress", "Tamper with", "Replay", "Intercept", "Enumerate", "Disable",
    ];

    private static readonly string[] _techniqueObjects =
    [
        "Controller Tasking", "Reporting Messages", "Alarm Thresholds", "Program Download", "Remote Services",
        "I/O Image", "Device Firmware", "Operating Mode", "Safety Logic", "Command Messages",
        "Serial COM", "Historian Data", "HMI Sessions", "Engineering Projects", "Default Credentials",
        "Network Traffic", "Point & Tag Data", "Backup Configurations", "Wireless Links", "Protocol Gateways",
    ];

    private static readonly string[] _techniqueMethods =
    [
        "", "", "", ": Web Portal", ": Vendor Tool", ": Script", ": Removable Media", ": Jump Host", ": Maintenance Port",
    ];

    private static readonly string[] _assetSites =
    [
        "", "", "Substation ", "Pipeline ", "Plant ", "Water ", "Turbine ", "Rail ", "Refinery ", "Pump Station ",
    ];

    private static readonly string[] _assetDevices =
    [
        "Programmable Logic Controller", "Remote Terminal Unit", "Human-Machine Interface", "Engineering Workstation",
        "Data Historian", "Safety Instrumented System", "Intelligent Electronic Device", "Protocol Gateway",
        "Field I/O Module", "Jump Host", "Control Server", "Variable Frequency Drive",
    ];

    private static readonly string[] _mitigationVerbs =
    [
        "Restrict", "Audit", "Enforce", "Segment", "Harden", "Monitor", "Encrypt", "Validate",
        "Rotate", "Back Up", "Allowlist", "Disable", "Sign", "Authenticate",
    ];

    private static readonly string[] _mitigationObjects =
    [
        "Network Traffic", "Firmware Images", "Remote Access", "Engineering Software", "Account Privileges",
        "Control Network Zones", "Protocol Functions", "Removable Media", "Vendor Connections",
        "Operating Mode Changes", "Session Logs", "Credentials", "Backup Copies", "Out-of-Band Channels",
    ];

    // ISO 3166 alpha-2 codes of the countries actors are tied to. The empty strings make "unknown" common.
    private static readonly string[] _actorCountries =
    [
        "RU", "CN", "IR", "KP", "UA", "US", "IL", "DE", "GB", "VN", "SY", "PK", "IN", "", "", "", "", "",
    ];

    public static string Label(SampleEntityKind kind, int nameSeed, bool messy)
    {
        string label = PlainLabel(kind, nameSeed);
        if (!messy)
        {
            return label;
        }

        // An alias taken from another seed of the same kind gives the extra text a plausible look.
        string alias = PlainLabel(kind, nameSeed ^ 0x5bd1e995);
        return ((uint)nameSeed % 4) switch
        {
            0 => $"{label}, also tracked as {alias}",
            1 => $"{label} \"{alias}\"",
            2 => $"{label}\n(alias {alias})",
            _ => $"{label} (\"{alias}\", {label.ToUpperInvariant()})",
        };
    }

    /// <summary>Returns an ISO 3166 alpha-2 code for groups and campaigns, often empty, and always empty for other kinds.</summary>
    public static string Country(SampleEntityKind kind, int nameSeed)
    {
        if (!kind.IsActor())
        {
            return "";
        }

        var picker = new SeedPicker(nameSeed, salt: 7);
        return picker.Pick(_actorCountries);
    }

    /// <summary>Returns the short catalogue number used in statement links, such as <c>G0412</c>.</summary>
    public static string CatalogueNumber(SampleEntityKind kind, int nameSeed) =>
        string.Create(5, (Letter: kind.CatalogueLetter(), Number: (uint)nameSeed % 10000), static (span, state) =>
        {
            span[0] = state.Letter;
            state.Number.TryFormat(span[1..], out _, "D4");
        });

    public static string Sector(Random random) => _sectors[random.Next(_sectors.Length)];

    private static string PlainLabel(SampleEntityKind kind, int nameSeed)
    {
        var picker = new SeedPicker(nameSeed, salt: (int)kind);
        return kind switch
        {
            SampleEntityKind.Group => GroupName(ref picker),
            SampleEntityKind.Campaign => CampaignName(ref picker),
            SampleEntityKind.Malware => string.Concat(picker.Pick(_malwareStems), picker.Pick(_malwareSuffixes), picker.Pick(_malwareVersions)),
            SampleEntityKind.Technique => string.Concat(picker.Pick(_techniqueVerbs), " ", picker.Pick(_techniqueObjects), picker.Pick(_techniqueMethods)),
            SampleEntityKind.Asset => string.Concat(picker.Pick(_assetSites), picker.Pick(_assetDevices)),
            SampleEntityKind.Mitigation => string.Concat(picker.Pick(_mitigationVerbs), " ", picker.Pick(_mitigationObjects)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown sample entity kind."),
        };
    }

    private static string GroupName(ref SeedPicker picker)
    {
        int form = picker.Next(10);
        if (form < 6)
        {
            return string.Concat(picker.Pick(_groupAdjectives), " ", picker.Pick(_groupAnimals));
        }

        if (form < 8)
        {
            return picker.Pick(_groupCodeWords);
        }

        return form == 8 ? $"TA{100 + picker.Next(900)}" : $"TEMP.{picker.Pick(_operationWords)}";
    }

    private static string CampaignName(ref SeedPicker picker)
    {
        if (picker.Next(2) == 0)
        {
            return string.Concat("Operation ", picker.Pick(_operationWords), " ", picker.Pick(_operationWords));
        }

        int year = 2015 + picker.Next(10);
        return $"{year} {picker.Pick(_regions)} {picker.Pick(_sectors)} {picker.Pick(_incidents)}";
    }

    /// <summary>
    /// A small pseudo-random sequence derived from a seed (SplitMix64 steps). It is independent of the
    /// generator's main <see cref="Random"/>, so deriving a label never shifts the main stream.
    /// </summary>
    private struct SeedPicker(int seed, int salt)
    {
        private ulong _state = ((ulong)(uint)seed << 8) ^ (ulong)(uint)salt;

        public int Next(int exclusiveMax)
        {
            _state += 0x9E3779B97F4A7C15UL;
            ulong z = _state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(z % (ulong)exclusiveMax);
        }

        public string Pick(string[] words) => words[Next(words.Length)];
    }
}
