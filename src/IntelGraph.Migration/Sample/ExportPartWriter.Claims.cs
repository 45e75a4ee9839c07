using IntelGraph.Core;

namespace IntelGraph.Migration.Sample;

internal sealed partial class ExportPartWriter
{
    // Shares of the edge types, roughly those of the pilot's graph: targets 46%, mitigates 29%,
    // uses 24%, attributed-to 1%.
    private const int TargetsBelow = 46;
    private const int MitigatesBelow = 75;
    private const int UsesBelow = 99;

    // Chances (in percent) that a uses edge from a case's actor gets a task and that a claim about
    // such an actor gets a report, chosen to land near the pilot's ratios of tasks and reports to claims.
    private const int TaskChance = 55;
    private const int ReportChance = 65;

    private static readonly string[] _audiences = ["internal", "partner", "court"];

    /// <summary>Writes claim number <paramref name="index"/> of the part, its edge, any task or report, and the faults planned for the slot.</summary>
    private void WriteClaimSlot(PartFiles files, long index, ClaimSlotFaults faults)
    {
        string predicate = PickRelationship(out Endpoint subject, out Endpoint @object);

        // A faulty edge swaps one endpoint, chosen at random, for an entity of the same kind that
        // arrives only in a later delta or never.
        int? arrivalPart = null;
        if ((faults & (ClaimSlotFaults.LateEndpoint | ClaimSlotFaults.MissingEndpoint)) != 0)
        {
            bool replaceSubject = _random.Next(2) == 0;
            SampleEntityKind kind = replaceSubject ? subject.Ref.Kind : @object.Ref.Kind;
            SampleEntityRef replacement;
            if (faults.HasFlag(ClaimSlotFaults.LateEndpoint))
            {
                replacement = _run.Catalog.PickArrivingLater(_random, kind, _plan.Index, out int arrival).Ref;
                arrivalPart = arrival;
            }
            else
            {
                replacement = new SampleEntityRef(_random.NextUuid(), kind, _random.Next(), MessyLabel: false);
            }

            if (replaceSubject)
            {
                subject = Endpoint.Unavailable(replacement);
            }
            else
            {
                @object = Endpoint.Unavailable(replacement);
            }
        }

        SampleClaim claim = ComposeClaim(subject, predicate, @object, faults.HasFlag(ClaimSlotFaults.UnknownMembers));
        WriteClaimWithFaults(files, index, claim, faults);
        WriteEdge(files, claim, faults, arrivalPart);
        WriteTaskAndReport(files, claim, subject);
        WriteInsertedRecords(files, claim, faults);
    }

    private string PickRelationship(out Endpoint subject, out Endpoint @object)
    {
        int roll = _random.Next(100);
        if (roll < TargetsBelow)
        {
            subject = PickEndpoint(_random.Next(5) == 0 ? SampleEntityKind.Malware : SampleEntityKind.Technique);
            @object = PickEndpoint(SampleEntityKind.Asset);
            return SamplePredicates.Targets;
        }

        if (roll < MitigatesBelow)
        {
            subject = PickEndpoint(SampleEntityKind.Mitigation);
            @object = PickEndpoint(SampleEntityKind.Technique);
            return SamplePredicates.Mitigates;
        }

        if (roll < UsesBelow)
        {
            int sourceRoll = _random.Next(100);
            SampleEntityKind sourceKind = sourceRoll < 45 ? SampleEntityKind.Group
                : sourceRoll < 70 ? SampleEntityKind.Campaign
                : SampleEntityKind.Malware;
            SampleEntityKind targetKind = sourceKind != SampleEntityKind.Malware && _random.Next(4) == 0
                ? SampleEntityKind.Malware
                : SampleEntityKind.Technique;
            subject = PickEndpoint(sourceKind);
            @object = PickEndpoint(targetKind);
            return SamplePredicates.Uses;
        }

        subject = PickEndpoint(SampleEntityKind.Campaign);
        @object = PickEndpoint(SampleEntityKind.Group);
        return SamplePredicates.AttributedTo;
    }

    private Endpoint PickEndpoint(SampleEntityKind kind)
    {
        SampleEntity entity = _run.Catalog.Pick(_random, kind, _plan.Index);
        return new Endpoint(entity.Ref, entity.HasCase, entity.CreatedAtTicks);
    }

    private SampleClaim ComposeClaim(Endpoint subject, string predicate, Endpoint @object, bool unknownMembers)
    {
        // A claim is made after both of its entities exist, except for entities that arrive later or never.
        long earliest = _plan.StartTicks;
        foreach (Endpoint endpoint in (ReadOnlySpan<Endpoint>)[subject, @object])
        {
            if (endpoint.CreatedAtTicks < _plan.EndTicks)
            {
                earliest = Math.Max(earliest, endpoint.CreatedAtTicks);
            }
        }

        long createdAt = _random.NextTicks(earliest, _plan.EndTicks);
        long modifiedAt = _random.NextTicks(createdAt, _plan.EndTicks);
        var parties = ClaimParties.Of(subject.Ref, @object.Ref);
        SampleSource[] sources = SampleText.Sources(_random, parties, allowNone: predicate == SamplePredicates.Targets);
        string statement = SampleText.Statement(_random, parties, predicate, sources);
        int unknownMemberSet = unknownMembers ? _random.Next(ClaimJson.UnknownMemberSets) : -1;
        return new SampleClaim(_random.NextUuid(), subject.Ref, predicate, @object.Ref, statement, sources, createdAt, modifiedAt, unknownMemberSet);
    }

    private void WriteClaimWithFaults(PartFiles files, long index, SampleClaim claim, ClaimSlotFaults faults)
    {
        if (faults.HasFlag(ClaimSlotFaults.EditedAfterHashing))
        {
            files.Claims.Write(Edit(claim), ClaimOutcome.HashMismatch, hashedContent: claim);
            return;
        }

        files.Claims.Write(claim, ClaimOutcome.Imported);

        if (faults.HasFlag(ClaimSlotFaults.DuplicateLater))
        {
            SchedulePendingCopy(claim, conflicting: false, index);
        }
        else if (faults.HasFlag(ClaimSlotFaults.ConflictLater))
        {
            SchedulePendingCopy(Edit(claim), conflicting: true, index);
        }
    }

    /// <summary>Returns the claim as someone changed it later: a reworded statement, a new status or only a new modification time.</summary>
    private SampleClaim Edit(SampleClaim claim)
    {
        long modifiedAt = _random.NextTicks(claim.ModifiedAtTicks + TimeSpan.TicksPerMillisecond, _plan.EndTicks);
        SampleClaim edited = claim.WithModifiedAt(modifiedAt);
        return _random.Next(3) switch
        {
            0 => edited with { Statement = claim.Statement + " Confidence lowered after peer review." },
            1 => edited with { Status = "revoked" },
            _ => edited,
        };
    }

    private void WriteEdge(PartFiles files, SampleClaim claim, ClaimSlotFaults faults, int? arrivalPart)
    {
        long line = files.Edges.WriteRow(claim.EdgeId, claim.SubjectId, claim.ObjectId, claim.Predicate, claim.CreatedAt);

        if (arrivalPart is int arrival)
        {
            _run.LateEdgesByArrivalPart[arrival]++;
            _accounting.Quarantined(
                SourceTables.Edges, QuarantineReasons.MissingEndpoint, files.Edges.Location(line), claim.EdgeId, _run.Parts[arrival].Directory);
        }
        else if (faults.HasFlag(ClaimSlotFaults.MissingEndpoint))
        {
            _accounting.Quarantined(SourceTables.Edges, QuarantineReasons.MissingEndpoint, files.Edges.Location(line), claim.EdgeId);
        }
        else
        {
            _accounting.Imported(SourceTables.Edges);
        }
    }

    /// <summary>
    /// Opens a task to validate what a case's actor uses, with the edge's UUID as its guid, and files a
    /// report on the actor's case from the claim's first source. Deltas carry no new reports.
    /// </summary>
    private void WriteTaskAndReport(PartFiles files, SampleClaim claim, Endpoint subject)
    {
        if (!subject.HasCase)
        {
            return;
        }

        string caseGuid = subject.Ref.Id.ToString();
        if (claim.Predicate == SamplePredicates.Uses && _random.Next(100) < TaskChance)
        {
            string updatedAt = SampleRandom.FormatTimestamp(_random.NextTicks(claim.CreatedAtTicks, _plan.EndTicks));
            var task = new SampleTask(claim.Uuid.ToString(), caseGuid, Analyst(), TaskSummary(claim.Object), PickState(), updatedAt);
            WriteTaskRow(files, task);
            _accounting.Imported(SourceTables.Tasks);
            _run.Tasks.Offer(_random, task);
        }

        if (_plan.IsBase && claim.Sources.Length > 0 && _random.Next(100) < ReportChance)
        {
            string guid = _random.NextUuid().ToString();
            WriteReportRow(files, guid, caseGuid, SampleText.ReportTitle(_random, claim.Sources[0], MessyFields));
            _accounting.Imported(SourceTables.Reports);
        }
    }

    private void WriteInsertedRecords(PartFiles files, SampleClaim claim, ClaimSlotFaults faults)
    {
        if (faults.HasFlag(ClaimSlotFaults.UnparsableClaimAfter))
        {
            files.Claims.WriteUnparsable(claim.WithUuid(_random.NextUuid()), NextUnparsableClaimForm());
        }

        if (faults.HasFlag(ClaimSlotFaults.UnparsableEdgeAfter))
        {
            // Either the target column is missing or the timestamp is invalid.
            string edgeId = SampleRandom.PrefixedUuid("relationship--", _random.NextUuid());
            long line = NextUnparsableIsMissingField(SourceTables.Edges)
                ? files.Edges.WriteRow(edgeId, claim.SubjectId, claim.Predicate, claim.CreatedAt)
                : files.Edges.WriteRow(edgeId, claim.SubjectId, claim.ObjectId, claim.Predicate, InvalidTimestamp());
            _accounting.Quarantined(SourceTables.Edges, QuarantineReasons.Unparsable, files.Edges.Location(line), edgeId);
        }

        if (faults.HasFlag(ClaimSlotFaults.UnparsableTaskAfter))
        {
            WriteUnparsableTask(files, claim);
        }

        if (faults.HasFlag(ClaimSlotFaults.MissingCaseTaskAfter))
        {
            string updatedAt = SampleRandom.FormatTimestamp(_random.NextTicks(claim.CreatedAtTicks, _plan.EndTicks));
            var task = new SampleTask(_random.NextUuid().ToString(), GoneCaseGuid(), Analyst(), TaskSummary(claim.Object), PickState(), updatedAt);
            long line = WriteTaskRow(files, task);
            _accounting.Quarantined(SourceTables.Tasks, QuarantineReasons.MissingCase, files.Tasks.Location(line), task.Guid);
        }

        if (faults.HasFlag(ClaimSlotFaults.UnparsableReportAfter))
        {
            // The audience column is missing.
            string guid = _random.NextUuid().ToString();
            string caseGuid = ExistingCaseGuid();
            string title = claim.Sources.Length > 0 ? claim.Sources[0].Citation : "Untitled field notes";
            string key = $"reports/{guid}.pdf";
            long line = files.Reports.WriteRow(guid, caseGuid, title, key);
            files.Sql.InsertReport(guid, caseGuid, title, key);
            _accounting.Quarantined(SourceTables.Reports, QuarantineReasons.Unparsable, files.Reports.Location(line), guid);
        }

        if (faults.HasFlag(ClaimSlotFaults.MissingCaseReportAfter))
        {
            string guid = _random.NextUuid().ToString();
            string title = claim.Sources.Length > 0 ? claim.Sources[0].Citation : "Untitled field notes";
            long line = WriteReportRow(files, guid, GoneCaseGuid(), title);
            _accounting.Quarantined(SourceTables.Reports, QuarantineReasons.MissingCase, files.Reports.Location(line), guid);
        }
    }

    private void WriteUnparsableTask(PartFiles files, SampleClaim claim)
    {
        string guid = _random.NextUuid().ToString();
        string caseGuid = ExistingCaseGuid();
        string summary = TaskSummary(claim.Object);
        string state = PickState();
        long line;
        if (NextUnparsableIsMissingField(SourceTables.Tasks))
        {
            // The assignee column is missing.
            string updatedAt = SampleRandom.FormatTimestamp(_random.NextTicks(claim.CreatedAtTicks, _plan.EndTicks));
            line = files.Tasks.WriteRow(guid, caseGuid, summary, state, updatedAt);
            files.Sql.InsertTask(guid, caseGuid, summary, state, updatedAt);
        }
        else
        {
            line = WriteTaskRow(files, new SampleTask(guid, caseGuid, Analyst(), summary, state, InvalidTimestamp()));
        }

        _accounting.Quarantined(SourceTables.Tasks, QuarantineReasons.Unparsable, files.Tasks.Location(line), guid);
    }

    private static long WriteTaskRow(PartFiles files, SampleTask task)
    {
        files.Sql.InsertTask(task.Guid, task.CaseGuid, task.Assignee, task.Summary, task.State, task.UpdatedAt);
        return files.Tasks.WriteRow(task.Guid, task.CaseGuid, task.Assignee, task.Summary, task.State, task.UpdatedAt);
    }

    private long WriteReportRow(PartFiles files, string guid, string caseGuid, string title)
    {
        string audience = _audiences[_random.Next(_audiences.Length)];
        string key = $"reports/{guid}.pdf";
        files.Sql.InsertReport(guid, caseGuid, title, audience, key);
        return files.Reports.WriteRow(guid, caseGuid, title, audience, key);
    }

    private static string TaskSummary(SampleEntityRef target) => $"Validate {target.Label} ({target.Kind.TypeName()})";

    private string PickState()
    {
        // Roughly the pilot's mix: a third open, two fifths in progress, a quarter done.
        int roll = _random.Next(100);
        if (roll < 35)
        {
            return SampleTask.Open;
        }

        return roll < 75 ? SampleTask.InProgress : SampleTask.Done;
    }

    /// <summary>Returns the guid of a case that no part of the export contains.</summary>
    private string GoneCaseGuid() => _random.NextUuid().ToString();

    /// <summary>Returns the guid of a base-export case: every base group and campaign has one.</summary>
    private string ExistingCaseGuid()
    {
        SampleEntityKind kind = _random.Next(3) == 0 ? SampleEntityKind.Campaign : SampleEntityKind.Group;
        return _run.Catalog.Pick(_random, kind, 0).Ref.Id.ToString();
    }

    /// <summary>An edge endpoint with what the generator needs to know about it besides its id.</summary>
    /// <param name="CreatedAtTicks">When the entity was created, or <see cref="long.MaxValue"/> for an entity that this part does not have.</param>
    private readonly record struct Endpoint(SampleEntityRef Ref, bool HasCase, long CreatedAtTicks)
    {
        /// <summary>Returns an endpoint for an entity that arrives later or never: it has no case and does not bound the claim's time.</summary>
        public static Endpoint Unavailable(SampleEntityRef entity) => new(entity, HasCase: false, CreatedAtTicks: long.MaxValue);
    }
}
