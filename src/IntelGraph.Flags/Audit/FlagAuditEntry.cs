using IntelGraph.Flags.Model;

namespace IntelGraph.Flags.Audit;

/// <summary>
/// One line of the flags audit log: one flag's setting in one environment changed. A null
/// <see cref="Before"/> means the flag had no recorded setting there yet; a null <see cref="After"/>
/// means the environment was removed from the file.
/// </summary>
/// <param name="At">When the change was recorded (UTC).</param>
/// <param name="ChangedBy">Who made the change: <c>--by</c> of <c>intelgraph flags set</c>, else the file's <c>metadata.changedBy</c>, else <c>unknown</c>.</param>
/// <param name="Source"><see cref="SourceServer"/> when a server saw the changed file, <see cref="SourceCli"/> when <c>intelgraph flags set</c> wrote it, <see cref="SourceRollout"/> when <c>intelgraph rollout</c> applied or reverted a step.</param>
/// <param name="File">The full path of the flags file.</param>
/// <param name="Revision">The <c>sha256:</c> digest of the file content after the change.</param>
public sealed record FlagAuditEntry(
    DateTimeOffset At,
    string Flag,
    string Environment,
    FlagSetting? Before,
    FlagSetting? After,
    string ChangedBy,
    string? Reason,
    string Source,
    string File,
    string Revision)
{
    public const string SourceServer = "server";
    public const string SourceCli = "cli";
    public const string SourceRollout = "rollout";
    public const string UnknownAuthor = "unknown";
}

/// <summary>One flag in one environment, the unit the audit log records.</summary>
public readonly record struct FlagKey(string Environment, string Flag);

/// <summary>Compares two sets of flag settings and lists what changed.</summary>
public static class FlagChanges
{
    /// <summary>Returns every setting of the document by environment and flag.</summary>
    public static Dictionary<FlagKey, FlagSetting> Flatten(FlagsDocument document)
    {
        var settings = new Dictionary<FlagKey, FlagSetting>();
        foreach (var (environment, flags) in document.Environments)
        {
            foreach (var (flag, setting) in flags)
            {
                settings[new FlagKey(environment, flag)] = setting;
            }
        }

        return settings;
    }

    /// <summary>
    /// Lists the settings that differ between <paramref name="before"/> and <paramref name="after"/>, in
    /// environment then flag order. A key present on one side only is a change to or from null.
    /// </summary>
    public static List<(FlagKey Key, FlagSetting? Before, FlagSetting? After)> Between(
        IReadOnlyDictionary<FlagKey, FlagSetting> before,
        IReadOnlyDictionary<FlagKey, FlagSetting> after)
    {
        var changes = new List<(FlagKey, FlagSetting?, FlagSetting?)>();
        foreach (var key in before.Keys.Union(after.Keys).OrderBy(Order))
        {
            var old = before.GetValueOrDefault(key);
            var @new = after.GetValueOrDefault(key);
            if (!Equals(old, @new))
            {
                changes.Add((key, old, @new));
            }
        }

        return changes;
    }

    private static int Order(FlagKey key)
    {
        var environment = FlagEnvironments.All.ToList().IndexOf(key.Environment);
        var flag = FlagNames.All.ToList().IndexOf(key.Flag);
        return (environment < 0 ? FlagEnvironments.All.Count : environment) * 100 + (flag < 0 ? 99 : flag);
    }
}
