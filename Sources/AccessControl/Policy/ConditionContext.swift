import Foundation

/// The request context that policy conditions and variables read: `aws:SourceIp`, `aws:SecureTransport`, `s3:prefix`,
/// `s3:x-amz-server-side-encryption`, the principal's `aws:username`…, each with its values.
public struct ConditionContext: Sendable, Equatable {
    /// By lower-cased key: condition keys are not case-sensitive.
    private var entries: [String: [String]]

    public init(_ values: [String: String] = [:]) {
        entries = Dictionary(values.map { ($0.key.lowercased(), [$0.value]) }, uniquingKeysWith: { first, _ in first })
    }

    /// Sets a key's value; nil removes it (the key is then absent from the request).
    public mutating func set(_ key: String, _ value: String?) {
        entries[key.lowercased()] = value.map { [$0] }
    }

    public func values(for key: String) -> [String] {
        entries[key.lowercased()] ?? []
    }

    /// `${aws:username}` and the other keys replaced by their values; `${*}`, `${?}` and `${$}` stand for the character.
    /// A variable without a value stays as written, so it matches nothing.
    func substitutingVariables(in text: String) -> String {
        guard text.contains("${") else { return text }
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: "${"), let end = rest[start.upperBound...].firstIndex(of: "}") {
            result += rest[..<start.lowerBound]
            let name = String(rest[start.upperBound..<end])
            switch name {
            case "*", "?", "$": result += name
            default: result += values(for: name).first ?? "${\(name)}"
            }
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }
}
