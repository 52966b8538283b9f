import Foundation
import HTTPTypes
import S3Protocol
import S3RequestXML

/// What a tag set may hold, as the request's dialect documents it. S3: 10 tags on an object and 50 on a bucket, keys of
/// 1 to 128 and values of up to 256 characters made of letters, digits, spaces and `+ - = . _ : / @`, no `aws:` keys on a
/// bucket. OBS: 10 tags, keys of 1 to 36 and values of up to 43 characters, none of `,/|<>=*\`, no key starting or ending
/// with a space. Duplicate keys are refused in both (`InvalidTag`).
struct TagRules: Sendable {
    enum Target: Sendable {
        case object
        case bucket
    }

    let target: Target
    let dialect: Dialect

    init(for target: Target, dialect: Dialect = Dialect.current) {
        self.target = target
        self.dialect = dialect
    }

    var maxCount: Int { dialect == .s3 && target == .bucket ? 50 : 10 }
    private var maxKeyLength: Int { dialect == .s3 ? 128 : 36 }
    private var maxValueLength: Int { dialect == .s3 ? 256 : 43 }

    /// The tags of a `Tagging` document, checked.
    func tags(of document: Tagging) throws -> [String: String] {
        try validated(document.tagSet.tags.map { ($0.key, $0.value) })
    }

    /// The tags of an `x-amz-tagging` header (`TagA=A&TagB&TagC=`, URL-encoded as a query string), checked.
    func tags(ofHeader header: String) throws -> [String: String] {
        var pairs: [(String, String)] = []
        for item in header.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = PercentEncoding.strictDecode(parts[0], plusAsSpace: true),
                let value = parts.count > 1 ? PercentEncoding.strictDecode(parts[1], plusAsSpace: true) : ""
            else {
                throw Self.headerError(header)
            }
            pairs.append((key, value))
        }
        if Set(pairs.map(\.0)).count != pairs.count { throw Self.headerError(header) }
        return try validated(pairs)
    }

    private func validated(_ pairs: [(key: String, value: String)]) throws -> [String: String] {
        if pairs.count > maxCount {
            let what = target == .object ? "Object tags" : "Bucket tag count"
            throw dialect == .obs
                ? S3Error("BadRequest", status: .badRequest, message: "The number of tags exceeds the limit of \(maxCount).")
                : Self.invalidTag("\(what) cannot be greater than \(maxCount)")
        }
        var tags: [String: String] = [:]
        for (key, value) in pairs {
            guard tags.updateValue(value, forKey: key) == nil else { throw Self.invalidTag("Cannot provide multiple Tags with the same key") }
            guard !key.isEmpty, key.count <= maxKeyLength, isAllowed(key, isKey: true) else {
                throw Self.invalidTag(
                    key.count > maxKeyLength
                        ? "The TagKey you have provided is too long, max \(maxKeyLength)" : "The TagKey you have provided is invalid")
            }
            guard value.count <= maxValueLength, isAllowed(value, isKey: false) else {
                throw Self.invalidTag(
                    value.count > maxValueLength
                        ? "The TagValue you have provided is too long, max \(maxValueLength)" : "The TagValue you have provided is invalid"
                )
            }
            if dialect == .s3, target == .bucket, key.lowercased().hasPrefix("aws:") {
                throw Self.invalidTag("System tags cannot be added/updated by requester")
            }
        }
        return tags
    }

    private func isAllowed(_ text: String, isKey: Bool) -> Bool {
        switch dialect {
        case .s3:
            return text.unicodeScalars.allSatisfy { scalar in
                CharacterSet.letters.contains(scalar) || CharacterSet.decimalDigits.contains(scalar)
                    || scalar.properties.generalCategory == .spaceSeparator || Self.s3Symbols.contains(scalar)
            }
        case .obs:
            if isKey, text.first == " " || text.last == " " { return false }
            return !text.unicodeScalars.contains { Self.obsForbidden.contains($0) }
        }
    }

    private static let s3Symbols: Set<Unicode.Scalar> = ["+", "-", "=", ".", "_", ":", "/", "@"]
    private static let obsForbidden: Set<Unicode.Scalar> = [",", "/", "|", "<", ">", "=", "*", "\\"]

    static func invalidTag(_ message: String) -> S3Error {
        S3Error("InvalidTag", status: .badRequest, message: message)
    }

    private static func headerError(_ header: String) -> S3Error {
        S3Error.invalidArgument(
            "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates.",
            name: "x-amz-tagging",
            value: header
        )
    }
}
