namespace IntelGraph.Migration.Sample;

/// <summary>The faults that fall on one claim of a part, or on the records written right after it.</summary>
[Flags]
internal enum ClaimSlotFaults
{
    None = 0,

    // At most one of these three falls on a claim, so every copied or edited claim started out valid.
    EditedAfterHashing = 1 << 0,
    DuplicateLater = 1 << 1,
    ConflictLater = 1 << 2,

    UnknownMembers = 1 << 3,

    // At most one of these two falls on an edge.
    LateEndpoint = 1 << 4,
    MissingEndpoint = 1 << 5,

    // Records inserted after the claim's own records.
    UnparsableClaimAfter = 1 << 6,
    UnparsableEdgeAfter = 1 << 7,
    MissingCaseTaskAfter = 1 << 8,
    MissingCaseReportAfter = 1 << 9,
    UnparsableTaskAfter = 1 << 10,
    UnparsableReportAfter = 1 << 11,
}

/// <summary>
/// Decides, slot by slot, which faults fall where, so that each fault lands on exactly the planned
/// number of slots without keeping a per-slot table. Each group of mutually exclusive faults uses
/// sequential selection sampling: at each slot a fault with r placements left out of n slots left is
/// chosen with probability r / n, which places all of them by the last slot.
/// </summary>
/// <remarks>Faults are bit flags held in an <see cref="int"/>, so one schedule serves claims and CSV rows alike.</remarks>
internal sealed class FaultSchedule(long slots)
{
    private readonly List<Group> _groups = [];
    private long _slotsLeft = slots;

    /// <summary>Returns how many slots a fault at <paramref name="rate"/> falls on: none when disabled, else at least one.</summary>
    public static int CountFor(bool enabled, double rate, long population)
    {
        if (!enabled || population <= 0 || rate <= 0)
        {
            return 0;
        }

        return (int)Math.Max(1, Math.Round(population * rate));
    }

    /// <summary>Adds faults that never fall on the same slot. Counts are cut, largest first, to fit the slots.</summary>
    public FaultSchedule AddExclusive(params ReadOnlySpan<(int Flag, int Count)> faults)
    {
        var group = new Group(new int[faults.Length], new int[faults.Length]);
        for (int i = 0; i < faults.Length; i++)
        {
            group.Flags[i] = faults[i].Flag;
            group.Remaining[i] = Math.Max(0, faults[i].Count);
        }

        group.Total = group.Remaining.Sum();
        while (group.Total > _slotsLeft)
        {
            group.Remaining[Array.IndexOf(group.Remaining, group.Remaining.Max())]--;
            group.Total--;
        }

        _groups.Add(group);
        return this;
    }

    /// <summary>Returns the faults of the next slot, at most one from each group, as combined flags.</summary>
    public int Next(Random random)
    {
        if (_slotsLeft <= 0)
        {
            throw new InvalidOperationException("The fault schedule has no slots left.");
        }

        int chosen = 0;
        foreach (Group group in _groups)
        {
            if (group.Total == 0)
            {
                continue;
            }

            long roll = random.NextInt64(_slotsLeft);
            for (int i = 0; i < group.Flags.Length; i++)
            {
                if (roll < group.Remaining[i])
                {
                    group.Remaining[i]--;
                    group.Total--;
                    chosen |= group.Flags[i];
                    break;
                }

                roll -= group.Remaining[i];
            }
        }

        _slotsLeft--;
        return chosen;
    }

    private sealed class Group(int[] flags, int[] remaining)
    {
        public int[] Flags { get; } = flags;

        public int[] Remaining { get; } = remaining;

        public int Total { get; set; }
    }
}
