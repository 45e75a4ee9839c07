using Microsoft.Extensions.Logging;

namespace IntelGraph.Stix;

/// <summary>The log events of the STIX import, event ids 1500 to 1599.</summary>
internal static partial class Log
{
    [LoggerMessage(
        EventId = 1500,
        Level = LogLevel.Information,
        Message = "Importing STIX bundle {BundleId} from {BundleFile} into tenant {TenantId}: {ObjectCount} objects")]
    public static partial void ImportStarted(ILogger logger, string? bundleId, string bundleFile, string tenantId, int objectCount);

    [LoggerMessage(
        EventId = 1501,
        Level = LogLevel.Information,
        Message = "Imported STIX bundle {BundleId} into tenant {TenantId}: {EntitiesImported} entities and {RelationshipsImported} relationships imported, {Duplicates} already present, {Skipped} skipped, {Rejected} rejected")]
    public static partial void ImportCompleted(
        ILogger logger, string? bundleId, string tenantId, int entitiesImported, int relationshipsImported, int duplicates, int skipped, int rejected);

    // Only the id, type and reason code: the detail can quote object content, which stays in the report.
    [LoggerMessage(
        EventId = 1502,
        Level = LogLevel.Debug,
        Message = "Rejected STIX object {ObjectId} of type {ObjectType} at {Location} in tenant {TenantId}: {Reason}")]
    public static partial void ObjectRejected(ILogger logger, string? objectId, string? objectType, string location, string tenantId, string reason);
}
