import Foundation
import GRDB
import Logging

/// The labeling layer: datasets, labeling jobs, samples and labels in a catalog of their own, kept up to date with the
/// storage by "Synchronize New Data". Reads the storage only through `ObjectStorage`, as the labeling service principal.
public final class LabelingService: Sendable {
    let catalog: DatabasePool
    let storage: any ObjectStorage
    let logger: Logger
    /// The syncs running now, one per dataset.
    let syncs: SyncCoordinator

    private init(catalog: DatabasePool, storage: any ObjectStorage, logger: Logger) {
        self.catalog = catalog
        self.storage = storage
        self.logger = logger
        self.syncs = SyncCoordinator()
    }

    /// Opens (or creates) the labeling catalog (its own SQLite file, e.g. `<dataRoot>/.obslab/labeling.sqlite`).
    public static func open(catalogPath: String, storage: any ObjectStorage, logger: Logger) throws -> LabelingService {
        let catalog = try LabelingCatalog.open(path: catalogPath)
        return LabelingService(catalog: catalog, storage: storage, logger: logger)
    }
}
