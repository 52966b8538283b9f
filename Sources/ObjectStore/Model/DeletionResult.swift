/// What a DELETE did: the version it created (a delete marker) or removed, if any.
public struct DeletionResult: Sendable, Hashable {
    public var versionId: String?
    public var isDeleteMarker: Bool

    public init(versionId: String?, isDeleteMarker: Bool) {
        self.versionId = versionId
        self.isDeleteMarker = isDeleteMarker
    }
}
