using System.Text.RegularExpressions;

namespace IntelGraph.Questions.Forms;

/// <summary>
/// Every question form the translator supports, in the order the matcher tries them. More specific forms
/// come first, so "what is the shortest path between X and Y" is never read as "what is X".
/// </summary>
public static class QuestionCatalogue
{
    /// <summary>The largest hop count of a neighbourhood question; paths grow quickly with each hop.</summary>
    public const int MaxHops = 4;

    // Placeholders of the patterns below: a quoted name, or the shortest text that lets the rest match.
    // NOTE: in a two-name question an unquoted first name ends at its first " and " or " to ", so such names need quotes.
    private const string Entity = """(?<entity>"[^"]+"|'[^']+'|`[^`]+`|.+?)""";
    private const string From = """(?<from>"[^"]+"|'[^']+'|`[^`]+`|.+?)""";
    private const string To = """(?<to>"[^"]+"|'[^']+'|`[^`]+`|.+?)""";
    private const string Hops = @"(?<hops>\w+)";

    private static readonly TimeSpan _matchTimeout = TimeSpan.FromMilliseconds(250);

    public static IReadOnlyList<QuestionForm> Forms { get; } =
    [
        new()
        {
            Name = "shortest-path",
            Question = "What is the shortest path between X and Y?",
            Returns = $"One shortest path of at most {MaxHops} relationships in either direction: hops, names (the entities along it), relationships (their types) and ids. No row when X and Y are further apart.",
            Examples = ["What is the shortest path between Sandworm Team and Triton?", "shortest path from APT33 to Triton", "How is Lazarus Group connected to WannaCry?"],
            Templates =
            [
                $$"""
                MATCH (origin {id: $from}), (destination {id: $to})
                MATCH path = (origin)-[*1..{{MaxHops}}]-(destination)
                WITH path, length(path) AS hops, [node IN nodes(path) | node.label] AS names
                RETURN hops, names, [relationship IN relationships(path) | type(relationship)] AS relationships, [node IN nodes(path) | node.id] AS ids
                ORDER BY hops, names
                LIMIT 1
                """,
            ],
            Patterns = Compile(
                $"^(?:what is |show |show me |find )?(?:the |a )?shortest path (?:between|from) {From} (?:and|to) {To}$",
                $"^how (?:is|are) {From} (?:connected|linked|related) to {To}$"),
        },
        new()
        {
            Name = "connected-within",
            Question = "Who is connected to X within N hops?",
            Returns = $"Every other entity reachable from X over at most N relationships in either direction (N from 1 to {MaxHops}, 1 when not given): name, type, id and hops, the fewest relationships between them.",
            Examples = ["Who is connected to Triton within 2 hops?", "What is related to INCONTROLLER within three hops?", "neighbours of Industroyer2"],
            MinHops = 1,
            DefaultHops = 1,
            Templates = [.. Enumerable.Range(1, MaxHops).Select(ConnectedWithin)],
            Patterns = Compile(
                $"^(?:who|what|which entities) (?:is|are) (?:connected|linked|related) to {Entity} within {Hops} hops?$",
                $"^(?:entities|everything|everyone|anything) (?:connected|linked|related) to {Entity} within {Hops} hops?$",
                $"^(?:the )?neighbou?rs of {Entity} within {Hops} hops?$",
                $"^(?:who|what|which entities) (?:is|are) (?:directly )?(?:connected|linked|related) to {Entity}$",
                $"^(?:the )?neighbou?rs of {Entity}$"),
        },
        new()
        {
            Name = "shared-techniques",
            Question = "Which groups share techniques with X?",
            Returns = "Each other intrusion set that uses a technique X uses: name, id, sharedTechniques (how many) and techniques (their names), most shared first.",
            Examples = ["Which groups share techniques with ALLANITE?", "Who shares TTPs with OilRig?", "groups similar to Dragonfly"],
            Templates =
            [
                """
                MATCH (subject {id: $entity})-[:uses]->(technique:`attack-pattern`)<-[:uses]-(group:`intrusion-set`)
                WHERE group <> subject
                RETURN group.label AS name, group.id AS id, count(DISTINCT technique) AS sharedTechniques, collect(DISTINCT technique.label) AS techniques
                ORDER BY sharedTechniques DESC, name, id
                """,
            ],
            Patterns = Compile(
                $"^(?:which|what) (?:other )?(?:groups?|actors?|threat actors?|intrusion sets?) (?:share|shares|have in common|has in common) (?:techniques|ttps|attack patterns) with {Entity}$",
                $"^who shares (?:techniques|ttps|attack patterns) with {Entity}$",
                $"^(?:which |what )?(?:other )?(?:groups?|actors?) (?:are |is )?(?:similar to|like) {Entity}$"),
        },
        new()
        {
            Name = "who-uses",
            Question = "Who uses X?",
            Returns = "Every entity with a uses relationship to X, such as the groups, campaigns and malware that use a technique: name, type and id. A kind word (\"which groups use X\") keeps only that kind.",
            Examples = ["Who uses Spearphishing Attachment?", "Which campaigns use Industroyer2?", "what uses Triton"],
            Templates =
            [
                """
                MATCH (user)-[:uses]->(used {id: $entity})
                WHERE $types IS NULL OR user.type IN $types
                RETURN user.label AS name, user.type AS type, user.id AS id
                ORDER BY name, id
                """,
            ],
            Patterns = Compile(
                $"^(?:who|what) (?:uses|use|used|is using|are using|has used|have used) {Entity}$",
                $"^which (?:(?<kind>{EntityKinds.Pattern}) |entities )?(?:uses|use|used|is using|are using|has used|have used) {Entity}$",
                $"^(?:the )?users of {Entity}$"),
        },
        new()
        {
            Name = "what-does-x-use",
            Question = "What does X use?",
            Returns = "Everything X has a uses relationship to, such as a group's techniques and malware: name, type and id. A kind word (\"what techniques does X use\") keeps only that kind.",
            Examples = ["What does Sandworm Team use?", "Which techniques does ALLANITE use?", "malware used by Lazarus Group"],
            Templates =
            [
                """
                MATCH (user {id: $entity})-[:uses]->(used)
                WHERE $types IS NULL OR used.type IN $types
                RETURN used.label AS name, used.type AS type, used.id AS id
                ORDER BY type, name, id
                """,
            ],
            Patterns = Compile(
                $"^(?:what|which) (?:(?<kind>{EntityKinds.Pattern}) )?(?:does|do|did) {Entity} (?:use|employ|deploy)$",
                $"^what (?:is|are) {Entity} using$",
                $"^(?:which |what |the )?(?<kind>{EntityKinds.Pattern}) (?:is |are |was |were )?used by {Entity}$",
                $"^what (?:is|are|was|were) used by {Entity}$"),
        },
        new()
        {
            Name = "what-targets",
            Question = "What targets Y?",
            Returns = "Every entity with a targets relationship to Y, such as the techniques that target an asset: name, type and id.",
            Examples = ["What targets Human-Machine Interface (HMI)?", "Which techniques target Control Server?", "who attacks Safety Controller"],
            Templates =
            [
                """
                MATCH (attacker)-[:targets]->(target {id: $entity})
                WHERE $types IS NULL OR attacker.type IN $types
                RETURN attacker.label AS name, attacker.type AS type, attacker.id AS id
                ORDER BY name, id
                """,
            ],
            Patterns = Compile(
                $"^(?:who|what) (?:targets|target|targeted|is targeting|are targeting|attacks|attacked) {Entity}$",
                $"^which (?:(?<kind>{EntityKinds.Pattern}) )?(?:targets|target|targeted|attack|attacks) {Entity}$"),
        },
        new()
        {
            Name = "what-does-x-target",
            Question = "What does X target?",
            Returns = "Everything X has a targets relationship to, such as the assets a technique targets: name, type and id.",
            Examples = ["What does Modify Controller Tasking target?", "what is targeted by Denial of Service", "targets of Device Restart/Shutdown"],
            Templates =
            [
                """
                MATCH (attacker {id: $entity})-[:targets]->(target)
                RETURN target.label AS name, target.type AS type, target.id AS id
                ORDER BY name, id
                """,
            ],
            Patterns = Compile(
                $"^what (?:does|do|did) {Entity} target$",
                $"^what (?:is|are) targeted by {Entity}$",
                $"^(?:the )?targets of {Entity}$"),
        },
        new()
        {
            Name = "what-mitigates",
            Question = "What mitigates T?",
            Returns = "Every entity with a mitigates relationship to T, the mitigations (courses of action) of a technique: name, type and id.",
            Examples = ["What mitigates Spearphishing Attachment?", "How can I mitigate Brute Force I/O?", "mitigations for Denial of Service"],
            Templates =
            [
                """
                MATCH (mitigation)-[:mitigates]->(technique {id: $entity})
                RETURN mitigation.label AS name, mitigation.type AS type, mitigation.id AS id
                ORDER BY name, id
                """,
            ],
            Patterns = Compile(
                $"^(?:what|which (?:mitigations?|controls?|courses? of action)) (?:mitigates|mitigate|mitigated|addresses|address|counters|counter|prevents|prevent) {Entity}$",
                $"^how (?:do|can|should|to) (?:i |we |you )?(?:mitigate|defend against|prevent|counter) {Entity}$",
                $"^(?:the )?(?:mitigations?|defen[cs]es?|countermeasures?) (?:for|against|to|of) {Entity}$"),
        },
        new()
        {
            Name = "what-does-x-mitigate",
            Question = "What does M mitigate?",
            Returns = "Everything M has a mitigates relationship to, the techniques a mitigation addresses: name, type and id.",
            Examples = ["What does Network Segmentation mitigate?", "what is mitigated by Antivirus/Antimalware"],
            Templates =
            [
                """
                MATCH (mitigation {id: $entity})-[:mitigates]->(technique)
                RETURN technique.label AS name, technique.type AS type, technique.id AS id
                ORDER BY name, id
                """,
            ],
            Patterns = Compile(
                $"^what (?:does|do) {Entity} mitigate$",
                $"^what (?:is|are) mitigated by {Entity}$"),
        },
        new()
        {
            Name = "what-detects",
            Question = "What detects T?",
            Returns = "Every entity with a detects relationship to T, such as the detection strategies of a technique: name, type and id.",
            Examples = ["What detects Spearphishing Attachment?", "How can I detect Modify Parameter?", "detections for Brute Force I/O"],
            Templates =
            [
                """
                MATCH (detection)-[:detects]->(technique {id: $entity})
                RETURN detection.label AS name, detection.type AS type, detection.id AS id
                ORDER BY name, id
                """,
            ],
            Patterns = Compile(
                $"^(?:what|which (?:detection strategies|detections|analytics)) (?:detects|detect|detected) {Entity}$",
                $"^how (?:do|can|should|to) (?:i |we |you )?detect {Entity}$",
                $"^(?:the )?detections? (?:for|of) {Entity}$"),
        },
        new()
        {
            Name = "campaigns-of",
            Question = "Which campaigns are attributed to X?",
            Returns = "Every entity with an attributed-to relationship to X, such as a group's campaigns: name, type and id.",
            Examples = ["Which campaigns are attributed to Sandworm Team?", "what campaigns did Sandworm Team conduct"],
            Templates =
            [
                """
                MATCH (campaign)-[:`attributed-to`]->(actor {id: $entity})
                RETURN campaign.label AS name, campaign.type AS type, campaign.id AS id
                ORDER BY name, id
                """,
            ],
            Patterns = Compile(
                $"^(?:which|what) (?:campaigns?|operations?|intrusions?) (?:is|are|were|was) attributed to {Entity}$",
                $"^(?:which|what) (?:campaigns?|operations?) (?:did|has|have) {Entity} (?:run|ran|conduct|conducted|carry out|carried out)$"),
        },
        new()
        {
            Name = "who-is-behind",
            Question = "Who is behind X?",
            Returns = "Everything X has an attributed-to relationship to, such as the group behind a campaign: name, type and id.",
            Examples = ["Who is behind the 2015 Ukraine Electric Power Attack?", "Who was Triton Safety Instrumented System Attack attributed to?"],
            Templates =
            [
                """
                MATCH (subject {id: $entity})-[:`attributed-to`]->(actor)
                RETURN actor.label AS name, actor.type AS type, actor.id AS id
                ORDER BY name, id
                """,
            ],
            Patterns = Compile(
                $"^who (?:is|was|are|were) (?:behind|responsible for) {Entity}$",
                $"^(?:who|what|which group) (?:is|was) {Entity} attributed to$",
                $"^(?:to )?whom (?:is|was) {Entity} attributed$"),
        },
        new()
        {
            Name = "count-by-type",
            Question = "How many entities are there of each type?",
            Returns = "One row per entity type: type and entities (how many), largest first.",
            Examples = ["How many entities of each type?", "How many entities are there per type?", "count entities by type"],
            Templates =
            [
                """
                MATCH (entity)
                RETURN entity.type AS type, count(*) AS entities
                ORDER BY entities DESC, type
                """,
            ],
            Patterns = Compile(
                "^how many (?:entities|nodes|objects)(?: are there| do we have)? (?:of each|per|by|for each|in each) (?:type|kind)$",
                "^(?:count|number of) (?:entities|nodes|objects) (?:of each|per|by|for each) (?:type|kind)$",
                "^(?:count|number of) (?:entities|nodes|objects)$"),
        },
        new()
        {
            Name = "count-by-country",
            Question = "How many entities are there per country?",
            Returns = "One row per country code: country (null for entities without a country) and entities (how many), largest first.",
            Examples = ["How many entities per country?", "How many entities are there in each country?", "count entities by country"],
            Templates =
            [
                """
                MATCH (entity)
                RETURN entity.country AS country, count(*) AS entities
                ORDER BY entities DESC, country
                """,
            ],
            Patterns = Compile(
                "^how many (?:entities|nodes|objects)(?: are there| do we have)? (?:in each|per|by|for each|of each) country$",
                "^(?:count|number of) (?:entities|nodes|objects) (?:in each|per|by|for each) country$"),
        },
        new()
        {
            Name = "count-of-kind",
            Question = "How many K are there?",
            Returns = "entities: how many entities of kind K (see the kind words) the tenant has.",
            Examples = ["How many groups are there?", "how many techniques do we have", "How many malware are there?"],
            RequiresKind = true,
            Templates =
            [
                """
                MATCH (entity)
                WHERE entity.type IN $types
                RETURN count(entity) AS entities
                """,
            ],
            Patterns = Compile($"^how many (?<kind>{EntityKinds.Pattern})(?: are there| exist| do we have| are known| are in the graph)?$"),
        },
        new()
        {
            Name = "list-of-kind",
            Question = "List all K.",
            Returns = "Every entity of kind K (see the kind words): name, type and id.",
            Examples = ["List all groups.", "Which campaigns are there?", "show me the assets"],
            RequiresKind = true,
            Templates =
            [
                """
                MATCH (entity)
                WHERE entity.type IN $types
                RETURN entity.label AS name, entity.type AS type, entity.id AS id
                ORDER BY name, id
                """,
            ],
            Patterns = Compile(
                $"^(?:list|show|show me|name)(?: all| the| every| all the)? (?<kind>{EntityKinds.Pattern})$",
                $"^(?:what|which) (?<kind>{EntityKinds.Pattern}) (?:are there|exist|do we have|are known|are in the graph)$"),
        },
        new()
        {
            Name = "describe",
            Question = "What is X?",
            Returns = "One row about X: name, type, id, aliases, country, createdAt and relationships (how many X has).",
            Examples = ["What is Triton?", "Tell me about Sandworm Team", "What are the aliases of Dragonfly?", "who is ELECTRUM"],
            Templates =
            [
                """
                MATCH (entity {id: $entity})
                OPTIONAL MATCH (entity)-[relationship]-()
                RETURN entity.label AS name, entity.type AS type, entity.id AS id, coalesce(entity.aliases, []) AS aliases, entity.country AS country, entity.createdAt AS createdAt, count(relationship) AS relationships
                """,
            ],
            Patterns = Compile(
                $"^(?:what are )?(?:the )?(?:aliases|other names|names) (?:of|for) {Entity}$",
                $"^what (?:is|are|was) {Entity} (?:also )?(?:known as|called)$",
                $"^(?:tell me about|describe|show|show me|look up|lookup) {Entity}$",
                $"^(?:what|who) (?:is|are|was|were) {Entity}$"),
        },
    ];

    /// <summary>Returns the form named <paramref name="name"/>, or null.</summary>
    public static QuestionForm? Find(string name) => Forms.FirstOrDefault(form => string.Equals(form.Name, name, StringComparison.Ordinal));

    private static string ConnectedWithin(int hops) =>
        $$"""
        MATCH path = (origin {id: $entity})-[*1..{{hops}}]-(other)
        WHERE other <> origin
        RETURN other.label AS name, other.type AS type, other.id AS id, min(length(path)) AS hops
        ORDER BY hops, name, id
        """;

    private static Regex[] Compile(params string[] patterns) =>
        [.. patterns.Select(pattern => new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, _matchTimeout))];
}
