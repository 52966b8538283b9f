/// An input or output path of a dataset: `obs://bucket/prefix/` (`s3://` and ModelArts's `/bucket/prefix/` too).
struct StoragePath: Sendable, Hashable, CustomStringConvertible {
    var bucket: String
    /// Empty for the whole bucket, otherwise ending with `/`.
    var prefix: String

    init(bucket: String, prefix: String) {
        self.bucket = bucket
        self.prefix = prefix.isEmpty || prefix.hasSuffix("/") ? prefix : prefix + "/"
    }

    /// - Throws: `LabelingError.invalidArgument` when `path` names no bucket.
    init(parsing path: String, field: String) throws {
        var rest = Substring(path)
        if let scheme = ["obs://", "s3://", "/"].first(where: { rest.hasPrefix($0) }) {
            rest = rest.dropFirst(scheme.count)
        } else {
            throw LabelingError.invalidArgument("\(field) '\(path)' is not an OBS path such as obs://bucket/folder/")
        }
        let bucket = rest.prefix { $0 != "/" }
        guard !bucket.isEmpty else {
            throw LabelingError.invalidArgument("\(field) '\(path)' names no bucket")
        }
        self.init(bucket: String(bucket), prefix: String(rest.dropFirst(bucket.count).drop { $0 == "/" }))
    }

    /// Whether `self` is `other` or a folder inside it.
    func isWithin(_ other: StoragePath) -> Bool {
        bucket == other.bucket && prefix.hasPrefix(other.prefix)
    }

    var description: String { "obs://\(bucket)/\(prefix)" }
}
