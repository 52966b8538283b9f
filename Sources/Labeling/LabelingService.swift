import Foundation
import Logging

/// The labeling layer: datasets, labeling jobs, samples and labels in a catalog of their own, kept up to date with the
/// storage by "Synchronize New Data". Reads the storage only through `ObjectStorage`, as the labeling service principal.
///
/// A thin façade: each feature is a service of its own folder (`Sync/SyncService`, `Imports/ImportService`, …), and
/// this type's public methods, declared in each folder's `LabelingService+Feature.swift`, hand the call to it.
public final class LabelingService: Sendable {
    let datasets: DatasetService
    let samples: SampleService
    let syncing: SyncService
    let labelEditing: LabelEditingService
    let labelManagement: LabelManagementService
    let deletion: DeletionService
    let versions: VersionService
    let imports: ImportService
    let diagnosis: DiagnosisService
    let grouping: GroupingService
    let exports: ExportService
    let teams: TeamService
    let catalog: LabelingCatalog
    /// Every sync and the work beside them; a `Service` the API server runs, for the syncs it starts in the background.
    public let syncScheduler: SyncScheduler

    public init(catalog: LabelingCatalog, storage: any ObjectStorage, logger: Logger) {
        // Syncs and the work that changes samples beside them (adds, manifest imports, deletions, deleting the default job)
        // share the scheduler's coordinator.
        syncScheduler = SyncScheduler(logger: logger)
        let syncs = syncScheduler.coordinator
        datasets = DatasetService(catalog: catalog, logger: logger, syncs: syncs)
        samples = SampleService(catalog: catalog, storage: storage)
        syncing = SyncService(catalog: catalog, storage: storage, logger: logger, syncs: syncs)
        labelEditing = LabelEditingService(catalog: catalog, logger: logger)
        deletion = DeletionService(catalog: catalog, storage: storage, logger: logger, syncs: syncs)
        labelManagement = LabelManagementService(catalog: catalog, logger: logger, deletion: deletion)
        versions = VersionService(catalog: catalog, storage: storage, logger: logger)
        imports = ImportService(catalog: catalog, storage: storage, logger: logger, syncs: syncs, syncing: syncing)
        diagnosis = DiagnosisService(catalog: catalog, storage: storage)
        grouping = GroupingService(catalog: catalog, storage: storage, logger: logger)
        exports = ExportService(catalog: catalog, storage: storage, logger: logger)
        teams = TeamService(catalog: catalog, labelEditing: labelEditing, logger: logger)
        self.catalog = catalog
    }

    /// Opens (or creates) the labeling catalog (its own SQLite file, e.g. `<dataRoot>/.obslab/labeling.sqlite`).
    public static func open(catalogPath: String, storage: any ObjectStorage, logger: Logger) throws -> LabelingService {
        LabelingService(catalog: try LabelingCatalog.open(path: catalogPath), storage: storage, logger: logger)
    }

    /// Closes the catalog; the service must not be used afterwards.
    public func close() throws {
        try catalog.close()
    }
}
