/// Why `ObjectStore.check` could not check a data root at all (a server holding it is `DataRootInUseError`).
public struct DataRootCheckError: Error, Sendable, Hashable, CustomStringConvertible {
    public let description: String

    static func notADataRoot(_ dataRoot: String) -> DataRootCheckError {
        DataRootCheckError(description: "\(dataRoot) is not an obslab data root: it has no .obslab/catalog.sqlite")
    }

    static func outdatedCatalog(_ path: String) -> DataRootCheckError {
        DataRootCheckError(description: "\(path) was written by an earlier obslab: start `obslab serve` on it once to upgrade it, then check it")
    }

    static func unreadableCatalog(_ path: String, _ error: any Error) -> DataRootCheckError {
        DataRootCheckError(description: "\(path) cannot be opened as a catalog: \(error)")
    }
}
