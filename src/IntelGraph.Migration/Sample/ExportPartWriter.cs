using IntelGraph.Core;

namespace IntelGraph.Migration.Sample;

/// <summary>
/// Writes one part of an export: entities, cases, then claims streamed together with their edges
/// and the tasks and reports they give rise to, then <c>export.json</c>. Records the expected outcome
/// of every record as it goes.
/// </summary>
internal sealed partial class ExportPartWriter
{
    private const int CancellationCheckInterval = 1024;

    // None is an RFC 3339 date-time: impossible dates and times, or no date at all.
    private static readonly string[] _invalidTimestamps =
    [
        "2024-02-30T10:00:00.000Z", "2024-13-01T00:00:00.000Z", "2024-06-01T25:61:00.000Z", "not recorded", "yesterday",
    ];

    private readonly SampleExportRun _run;
    private readonly SamplePartPlan _plan;
    private readonly Random _random;
    private readonly PartAccountingBuilder _accounting;
    private readonly PriorityQueue<PendingCopy, (long Due, long Sequence)> _pendingCopies = new();
    private readonly Dictionary<string, int> _unparsableRows = [];
    private long _pendingSequence;
    private int _unparsableClaims;

    public ExportPartWriter(SampleExportRun run, SamplePartPlan plan)
    {
        _run = run;
        _plan = plan;
        _random = run.Random;
        _accounting = new PartAccountingBuilder(plan.IsBase ? ExpectedPartAccounting.BaseName : plan.Directory);
    }

    private bool MessyFields => _run.Has(PilotExportFaults.MessyCsvFields);

    public ExpectedPartAccounting Write(CancellationToken cancellationToken)
    {
        string partRoot = Path.Combine(_run.Root, _plan.Directory);
        Directory.CreateDirectory(Path.Combine(partRoot, "graph"));
        Directory.CreateDirectory(Path.Combine(partRoot, "legacy"));

        using var files = new PartFiles(_run.Root, _plan.Directory, _run.Options, _accounting, _run.ReportClaimWritten);

        WriteEntities(files.Entities);

        // Edges of earlier parts that waited for one of these entities can now be imported.
        _accounting.Resolved(SourceTables.Edges, _run.LateEdgesByArrivalPart[_plan.Index]);
        cancellationToken.ThrowIfCancellationRequested();

        if (_plan.IsBase)
        {
            WriteCases(files);
        }

        List<string> updatedTasks = _plan.IsBase ? [] : WriteTaskUpdates(files);
        WriteClaims(files, cancellationToken);

        files.Complete();
        var written = new Dictionary<string, long>
        {
            [SourceTables.Claims] = files.ClaimElements,
            [SourceTables.Entities] = files.Entities.Rows,
            [SourceTables.Edges] = files.Edges.Rows,
            [SourceTables.Cases] = files.Cases.Rows,
            [SourceTables.Tasks] = files.Tasks.Rows,
            [SourceTables.Reports] = files.Reports.Rows,
        };
        ExportJson.Write(Path.Combine(partRoot, "export.json"), _run.Options.Tenant, _plan, written, updatedTasks);
        _run.ReportProgress();
        return _accounting.Build(written);
    }

    private void WriteEntities(CsvTableWriter entities)
    {
        ReadOnlySpan<SampleEntity> own = _run.Catalog.EntitiesOf(_plan.Index);
        var faults = new FaultSchedule(own.Length)
            .AddExclusive((1, _run.FaultCount(PilotExportFaults.UnparsableRecords, own.Length)));

        foreach (SampleEntity entity in own)
        {
            if (faults.Next(_random) != 0)
            {
                WriteUnparsableEntity(entities);
            }

            SampleEntityRef entityRef = entity.Ref;
            entities.WriteRow(
                entityRef.StixId,
                entityRef.Label,
                entityRef.Kind.TypeName(),
                SampleVocabulary.Country(entityRef.Kind, entityRef.NameSeed),
                SampleRandom.FormatTimestamp(entity.CreatedAtTicks));
            _accounting.Imported(SourceTables.Entities);
        }
    }

    private void WriteUnparsableEntity(CsvTableWriter entities)
    {
        var kind = (SampleEntityKind)_random.Next(SampleEntityKinds.Count);
        var entityRef = new SampleEntityRef(_random.NextUuid(), kind, _random.Next(), MessyLabel: false);
        string createdAt = SampleRandom.FormatTimestamp(_random.NextTicks(_plan.StartTicks, _plan.EndTicks));
        string country = SampleVocabulary.Country(kind, entityRef.NameSeed);
        long line = NextUnparsableIsMissingField(SourceTables.Entities)
            ? entities.WriteRow(entityRef.StixId, entityRef.Label, country, createdAt)
            : entities.WriteRow(entityRef.StixId, entityRef.Label, kind.TypeName(), country, InvalidTimestamp());
        _accounting.Quarantined(SourceTables.Entities, QuarantineReasons.Unparsable, entities.Location(line), entityRef.StixId);
    }

    private void WriteCases(PartFiles files)
    {
        int caseCount = 0;
        foreach (SampleEntity entity in _run.Catalog.EntitiesOf(_plan.Index))
        {
            caseCount += entity.HasCase ? 1 : 0;
        }

        var faults = new FaultSchedule(caseCount)
            .AddExclusive((1, _run.FaultCount(PilotExportFaults.UnparsableRecords, caseCount)));
        foreach (SampleEntity entity in _run.Catalog.EntitiesOf(_plan.Index))
        {
            if (!entity.HasCase)
            {
                continue;
            }

            if (faults.Next(_random) != 0)
            {
                // The title column, which is NOT NULL, is missing. The guid belongs to no entity.
                string guid = _random.NextUuid().ToString();
                string owner = Analyst();
                long line = files.Cases.WriteRow(guid, owner);
                files.Sql.InsertCase(guid, owner);
                _accounting.Quarantined(SourceTables.Cases, QuarantineReasons.Unparsable, files.Cases.Location(line), guid);
            }

            string caseGuid = entity.Ref.Id.ToString();
            string title = entity.Ref.Label;
            string caseOwner = Analyst();
            files.Cases.WriteRow(caseGuid, title, caseOwner);
            files.Sql.InsertCase(caseGuid, title, caseOwner);
            _accounting.Imported(SourceTables.Cases);
        }
    }

    /// <summary>Writes newer versions of tasks from earlier parts with a changed state and returns their guids.</summary>
    private List<string> WriteTaskUpdates(PartFiles files)
    {
        var updated = new List<string>();
        _run.Tasks.Update(_random, _plan.TaskUpdates, task =>
        {
            string[] otherStates = Array.FindAll(SampleTask.States, s => s != task.State);
            string updatedAt = SampleRandom.FormatTimestamp(_random.NextTicks(_plan.StartTicks, _plan.EndTicks));
            SampleTask newer = task with { State = otherStates[_random.Next(otherStates.Length)], UpdatedAt = updatedAt };
            WriteTaskRow(files, newer);
            _accounting.Updated(SourceTables.Tasks);
            updated.Add(newer.Guid);
            return newer;
        });

        return updated;
    }

    private void WriteClaims(PartFiles files, CancellationToken cancellationToken)
    {
        bool hasLaterPart = _plan.Index + 1 < _run.Parts.Count;
        int claims = _plan.Claims;
        var faults = new FaultSchedule(claims)
            .AddExclusive(
                ((int)ClaimSlotFaults.EditedAfterHashing, _run.FaultCount(PilotExportFaults.EditedClaims, claims)),
                ((int)ClaimSlotFaults.DuplicateLater, _run.FaultCount(PilotExportFaults.DuplicateClaims, claims)),
                ((int)ClaimSlotFaults.ConflictLater, _run.FaultCount(PilotExportFaults.ConflictingClaims, claims)))
            .AddExclusive(((int)ClaimSlotFaults.UnknownMembers, _run.FaultCount(PilotExportFaults.UnknownClaimMembers, claims)))
            .AddExclusive(
                ((int)ClaimSlotFaults.LateEndpoint, hasLaterPart ? _run.FaultCount(PilotExportFaults.LateEndpoints, claims) : 0),
                ((int)ClaimSlotFaults.MissingEndpoint, _run.FaultCount(PilotExportFaults.MissingEndpoints, claims)));

        // Records inserted after a claim, each kind on its own so it gets exactly its planned count.
        // Tasks and reports number about a tenth and an eighth of the claims, so their faults are
        // counted against those shares.
        int unparsable = _run.FaultCount(PilotExportFaults.UnparsableRecords, claims);
        int unparsableTasks = _run.FaultCount(PilotExportFaults.UnparsableRecords, claims / 10);
        int unparsableReports = _run.FaultCount(PilotExportFaults.UnparsableRecords, claims / 8);
        int missingCaseTasks = _run.FaultCount(PilotExportFaults.MissingCases, claims / 10);
        int missingCaseReports = _run.FaultCount(PilotExportFaults.MissingCases, claims / 8);
        faults.AddExclusive(((int)ClaimSlotFaults.UnparsableClaimAfter, unparsable))
            .AddExclusive(((int)ClaimSlotFaults.UnparsableEdgeAfter, unparsable))
            .AddExclusive(((int)ClaimSlotFaults.UnparsableTaskAfter, unparsableTasks))
            .AddExclusive(((int)ClaimSlotFaults.MissingCaseTaskAfter, missingCaseTasks));
        if (_plan.IsBase)
        {
            faults.AddExclusive(((int)ClaimSlotFaults.UnparsableReportAfter, unparsableReports))
                .AddExclusive(((int)ClaimSlotFaults.MissingCaseReportAfter, missingCaseReports));
        }

        for (long index = 0; index < claims; index++)
        {
            if (index % CancellationCheckInterval == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var slotFaults = (ClaimSlotFaults)faults.Next(_random);
            WriteClaimSlot(files, index, slotFaults);
            WriteDueCopies(files, index);
        }

        WriteDueCopies(files, long.MaxValue);
    }

    private void WriteDueCopies(PartFiles files, long index)
    {
        while (_pendingCopies.TryPeek(out PendingCopy copy, out (long Due, long Sequence) priority) && priority.Due <= index)
        {
            _pendingCopies.Dequeue();
            files.Claims.Write(copy.Claim, copy.Conflicting ? ClaimOutcome.ConflictingDuplicate : ClaimOutcome.Duplicate);
        }
    }

    private void SchedulePendingCopy(SampleClaim claim, bool conflicting, long index)
    {
        // A copy follows its original within 63 claims, so few copies wait in memory at a time.
        long due = index + _random.Next(1, 64);
        _pendingCopies.Enqueue(new PendingCopy(claim, conflicting), (due, _pendingSequence++));
    }

    private string Analyst() => $"analyst-0{1 + _random.Next(9)}";

    private string InvalidTimestamp() => _invalidTimestamps[_random.Next(_invalidTimestamps.Length)];

    /// <summary>Alternates, per table, the two ways a CSV row is unparsable, so a table with two or more gets both.</summary>
    private bool NextUnparsableIsMissingField(string table)
    {
        int count = _unparsableRows.GetValueOrDefault(table);
        _unparsableRows[table] = count + 1;
        return count % 2 == 0;
    }

    /// <summary>Cycles through the forms of unparsable claims, so a part with three or more gets each.</summary>
    private UnparsableClaimForm NextUnparsableClaimForm() => (UnparsableClaimForm)(_unparsableClaims++ % 3);

    /// <summary>An exact copy or a conflicting version of a claim, written a few claims after the original.</summary>
    private readonly record struct PendingCopy(SampleClaim Claim, bool Conflicting);
}
