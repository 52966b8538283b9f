/// The samples of a dataset deleted without their files, by key and line, with the ETag their file had then: a sync
/// does not bring such a sample back while the file is unchanged.
struct DeletedSamples: Sendable {
    private var etags: [String: [Int: String]] = [:]

    /// Notes the sample at `line` of `key` (0: the whole object), deleted while its file had `etag`.
    mutating func add(key: String, line: Int, etag: String) {
        etags[key, default: [:]][line] = etag
    }

    /// Whether the sample at `line` of `key` (0: the whole object) was deleted while its file had `etag`.
    func excludes(key: String, line: Int, etag: String) -> Bool {
        etags[key]?[line] == etag
    }
}
