import Foundation
import S3Protocol

/// The query parameters shared by the listing operations, validated as S3 does.
enum ListingParameters {
    /// `max-keys`, `max-uploads`, `max-parts`: an integer >= 0, capped at 1000.
    static func limit(_ request: S3Request, name: String) throws -> Int {
        guard let text = request.queryValue(name) else { return 1000 }
        guard let value = Int(text), value >= 0 else {
            throw S3Error.invalidArgument("Provided \(name) not an integer or within integer range", name: name, value: text)
        }
        return min(value, 1000)
    }

    /// `encoding-type`: only `url` exists.
    static func urlEncoded(_ request: S3Request) throws -> Bool {
        guard let value = request.queryValue("encoding-type") else { return false }
        guard value.lowercased() == "url" else {
            throw S3Error.invalidArgument("Invalid Encoding Method specified in Request", name: "encoding-type", value: value)
        }
        return true
    }

    /// Encodes a key for `encoding-type=url` responses: everything but unreserved characters and `/`.
    static func encode(_ value: String, if enabled: Bool) -> String {
        guard enabled else { return value }
        return PercentEncoding.uriEncode(value, encodeSlash: false)
    }
}
