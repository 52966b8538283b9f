/// What a sync needs to know of a sample it already has, to decide whether anything changed.
struct StoredSample: Sendable {
    var id: String
    var line: Int
    var etag: String
    var size: Int64
    var sidecarKey: String?
    var sidecarEtag: String?
    var reasonCode: UnlabeledReason.Code?
}
