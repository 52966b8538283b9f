import Foundation

/// The conditional headers of a GET/HEAD (`If-Match`…) or of a copy source (`x-amz-copy-source-if-match`…).
struct Preconditions: Sendable {
    var ifMatch: String?
    var ifNoneMatch: String?
    var ifModifiedSince: Date?
    var ifUnmodifiedSince: Date?

    enum Outcome: Equatable {
        case proceed
        case notModified
        case preconditionFailed
    }

    /// Evaluates the conditions in RFC 7232 order, as S3 does: If-Match beats If-Unmodified-Since,
    /// and If-None-Match beats If-Modified-Since.
    /// - Parameter notModifiedFails: a copy source answers 412 where a GET answers 304.
    func evaluate(etag: String, lastModified: Date, notModifiedFails: Bool = false) -> Outcome {
        // HTTP dates have one-second resolution.
        let modified = lastModified.timeIntervalSince1970.rounded(.down)
        if let ifMatch {
            if !Self.matches(ifMatch, etag: etag) { return .preconditionFailed }
        } else if let ifUnmodifiedSince, modified > ifUnmodifiedSince.timeIntervalSince1970 {
            return .preconditionFailed
        }
        if let ifNoneMatch {
            if Self.matches(ifNoneMatch, etag: etag) { return notModifiedFails ? .preconditionFailed : .notModified }
        } else if let ifModifiedSince, modified <= ifModifiedSince.timeIntervalSince1970 {
            return notModifiedFails ? .preconditionFailed : .notModified
        }
        return .proceed
    }

    /// `*` matches anything; otherwise a comma-separated list of (quoted or bare) ETags.
    static func matches(_ header: String, etag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            let value = candidate.trimmingCharacters(in: .whitespaces)
            return value == "*" || value.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) == etag
        }
    }
}
