import Foundation
import HTTPTypes
import Hummingbird
import S3Protocol

/// What an S3 request addresses once path-style or virtual-hosted-style addressing is resolved.
struct S3Request: Sendable {
    let head: HTTPRequest
    let body: RequestBody
    /// The path as sent on the wire, still percent-encoded (signatures are computed over it).
    let rawPath: String
    /// The query string as sent on the wire, without `?`.
    let rawQuery: String
    /// Decoded query parameters, in order; a parameter without `=` has an empty value.
    let query: [(name: String, value: String)]
    let bucket: String?
    let key: String?
    let requestId: String
    /// Whether the bucket came from the Host header rather than the path.
    let isVirtualHosted: Bool
    /// Whether the request came over HTTPS.
    let isTLS: Bool

    var method: HTTPRequest.Method { head.method }
    var headers: HTTPFields { head.headerFields }

    /// The resource string S3 puts in `<Resource>` of errors.
    var resource: String {
        switch (bucket, key) {
        case (let bucket?, let key?): "/\(bucket)/\(key)"
        case (let bucket?, nil): "/\(bucket)"
        default: "/"
        }
    }

    func hasQuery(_ name: String) -> Bool {
        query.contains { $0.name == name }
    }

    func queryValue(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }

    func header(_ name: String) -> String? {
        HTTPField.Name(name).flatMap { headers[$0] }
    }

    /// Parses the request's addressing.
    /// - Parameter virtualHostDomains: domains under which `bucket.domain` names a bucket (virtual-hosted style).
    init(request: Request, virtualHostDomains: [String], requestId: String, isTLS: Bool) throws(S3Error) {
        self.isTLS = isTLS
        self.head = request.head
        self.body = request.body
        self.requestId = requestId
        let target = request.head.path ?? "/"
        // Split as bytes: `?` is ASCII, and walking the target by Characters costs every request.
        let question = target.utf8.firstIndex(of: UInt8(ascii: "?"))
        let pathPart = target[..<(question ?? target.endIndex)]
        self.rawPath = pathPart.isEmpty ? "/" : String(pathPart)
        self.rawQuery = question.map { String(target[target.utf8.index(after: $0)...]) } ?? ""
        self.query = try Self.parseQuery(rawQuery)

        guard let path = PercentEncoding.strictDecode(rawPath, plusAsSpace: false), path.hasPrefix("/") else {
            throw S3Error("InvalidURI", status: .badRequest, message: "Couldn't parse the specified URI.")
        }
        let hostBucket = Self.bucket(fromHost: request.head.authority, domains: virtualHostDomains)
        isVirtualHosted = hostBucket != nil
        if let hostBucket {
            bucket = hostBucket
            let key = String(path.dropFirst())
            self.key = key.isEmpty ? nil : key
        } else {
            let rest = path.dropFirst()
            if rest.isEmpty {
                bucket = nil
                key = nil
            } else if let slash = rest.firstIndex(of: "/") {
                bucket = String(rest[..<slash])
                let key = String(rest[rest.index(after: slash)...])
                self.key = key.isEmpty ? nil : key
            } else {
                bucket = String(rest)
                key = nil
            }
        }
        if let key { try Self.checkKey(key, argument: "key") }
    }

    /// Refuses a key that the catalogs could not hold as sent: SQLite reads text up to a NUL, so `a%00x` would be `a`,
    /// and no S3 XML answer could carry it.
    /// - Parameter argument: what the key came from, for `ArgumentName` (`key`, `x-amz-copy-source`).
    static func checkKey(_ key: String, argument: String) throws(S3Error) {
        guard !key.utf8.contains(0) else {
            throw S3Error.invalidArgument("Object keys cannot contain the NUL character (U+0000).", name: argument)
        }
    }

    /// `bucket.localhost:9000` → `bucket` when `localhost` is one of the virtual-host domains.
    static func bucket(fromHost authority: String?, domains: [String]) -> String? {
        guard let authority else { return nil }
        let host: Substring
        if authority.hasPrefix("[") {
            return nil  // an IPv6 literal never carries a bucket
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
        } else {
            host = Substring(authority)
        }
        let lowered = host.lowercased()
        for domain in domains where lowered.hasSuffix("." + domain) {
            let bucket = lowered.dropLast(domain.count + 1)
            if !bucket.isEmpty { return String(bucket) }
        }
        return nil
    }

    static func parseQuery(_ raw: String) throws(S3Error) -> [(name: String, value: String)] {
        var items: [(name: String, value: String)] = []
        for pair in QueryItem.rawPairs(raw) {
            guard let name = PercentEncoding.strictDecode(pair.name, plusAsSpace: true),
                let value = PercentEncoding.strictDecode(pair.value, plusAsSpace: true)
            else {
                throw S3Error("InvalidURI", status: .badRequest, message: "Couldn't parse the specified URI.")
            }
            // Query values name keys and prefixes, which SQLite would cut at a NUL.
            guard !name.utf8.contains(0), !value.utf8.contains(0) else {
                throw S3Error.invalidArgument("Query parameters cannot contain the NUL character (U+0000).", name: name)
            }
            items.append((name, value))
        }
        return items
    }
}
