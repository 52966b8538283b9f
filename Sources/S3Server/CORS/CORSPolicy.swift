import HTTPTypes
import S3RequestXML

/// A bucket's CORS rules, checked as S3 checks a PutBucketCors, and matched against a request's origin, method and
/// headers the way S3 does: the first rule whose origin (one `*` wildcard at most), method and every requested header
/// match, answers.
struct CORSPolicy: Sendable {
    let configuration: CORSConfiguration

    static let methods: Set<String> = ["GET", "PUT", "HEAD", "POST", "DELETE"]

    /// - Throws: S3's `MalformedXML` or `InvalidRequest` for a configuration it would refuse.
    init(validating configuration: CORSConfiguration) throws {
        guard !configuration.rules.isEmpty else { throw S3Error.malformedXML() }
        for rule in configuration.rules {
            guard !rule.allowedOrigins.isEmpty, !rule.allowedMethods.isEmpty else { throw S3Error.malformedXML() }
            if let method = rule.allowedMethods.first(where: { !Self.methods.contains($0) }) {
                throw S3Error.invalidRequest("Found unsupported HTTP method in CORS config. Unsupported method is \(method)")
            }
            if let origin = rule.allowedOrigins.first(where: { $0.filter { $0 == "*" }.count > 1 }) {
                throw S3Error.invalidRequest("AllowedOrigin \"\(origin)\" can not have more than one wildcard.")
            }
            if let header = rule.allowedHeaders.first(where: { $0.filter { $0 == "*" }.count > 1 }) {
                throw S3Error.invalidRequest("AllowedHeader \"\(header)\" can not have more than one wildcard.")
            }
            if let age = rule.maxAgeSeconds, age < 0 { throw S3Error.malformedXML() }
        }
        self.configuration = configuration
    }

    /// A configuration stored after validation.
    init(stored configuration: CORSConfiguration) {
        self.configuration = configuration
    }

    /// The first rule allowing `origin` to send each of `methods` with `headers` (lower-cased names), or nil.
    func rule(origin: String, methods: [String], headers: [String] = []) -> CORSConfiguration.Rule? {
        configuration.rules.first { rule in
            rule.allowedOrigins.contains { Self.matches(origin, pattern: $0, caseSensitive: true) }
                && methods.allSatisfy(rule.allowedMethods.contains)
                && headers.allSatisfy { header in rule.allowedHeaders.contains { Self.matches(header, pattern: $0, caseSensitive: false) } }
        }
    }

    /// The `Access-Control-*` headers a matching rule answers with. A rule open to every origin answers `*`; others
    /// echo the origin, with credentials allowed, as S3 does.
    static func headers(for rule: CORSConfiguration.Rule, origin: String, requestedHeaders: [String] = []) -> HTTPFields {
        var fields = HTTPFields()
        let wildcard = rule.allowedOrigins.contains("*")
        fields[.accessControlAllowOrigin] = wildcard ? "*" : origin
        fields[.accessControlAllowMethods] = rule.allowedMethods.joined(separator: ", ")
        if !wildcard { fields[.accessControlAllowCredentials] = "true" }
        if !requestedHeaders.isEmpty { fields[.accessControlAllowHeaders] = requestedHeaders.joined(separator: ", ") }
        if !rule.exposeHeaders.isEmpty { fields[.accessControlExposeHeaders] = rule.exposeHeaders.joined(separator: ", ") }
        if let age = rule.maxAgeSeconds { fields[.accessControlMaxAge] = String(age) }
        fields[.vary] = "Origin, Access-Control-Request-Headers, Access-Control-Request-Method"
        return fields
    }

    /// `pattern` with at most one `*` standing for any run of characters.
    static func matches(_ text: String, pattern: String, caseSensitive: Bool) -> Bool {
        let (text, pattern) = caseSensitive ? (text, pattern) : (text.lowercased(), pattern.lowercased())
        guard let star = pattern.firstIndex(of: "*") else { return text == pattern }
        let prefix = pattern[..<star]
        let suffix = pattern[pattern.index(after: star)...]
        return text.count >= prefix.count + suffix.count && text.hasPrefix(prefix) && text.hasSuffix(suffix)
    }
}
