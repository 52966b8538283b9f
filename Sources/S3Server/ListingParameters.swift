import Foundation
import S3Protocol

/// The query parameters every listing operation shares (`prefix`, `delimiter`, `encoding-type`), validated as S3 does.
struct ListingParameters {
    let prefix: String
    /// nil when absent or empty: an empty delimiter groups nothing.
    let delimiter: String?
    /// `encoding-type=url`: keys, prefixes and markers in the answer are percent-encoded.
    let urlEncoded: Bool

    init(_ request: S3Request) throws {
        prefix = request.queryValue("prefix") ?? ""
        delimiter = request.queryValue("delimiter").flatMap { $0.isEmpty ? nil : $0 }
        if let value = request.queryValue("encoding-type") {
            guard value.lowercased() == "url" else {
                throw S3Error.invalidArgument("Invalid Encoding Method specified in Request", name: "encoding-type", value: value)
            }
            urlEncoded = true
        } else {
            urlEncoded = false
        }
    }

    /// The `EncodingType` element of the answer.
    var encodingType: String? { urlEncoded ? "url" : nil }

    /// A key or prefix as the answer carries it: with `encoding-type=url`, everything but unreserved characters and `/`
    /// is percent-encoded.
    func encode(_ value: String) -> String {
        urlEncoded ? PercentEncoding.uriEncode(value, encodeSlash: false) : value
    }

    /// `max-keys`, `max-uploads`, `max-parts`: an integer >= 0, capped at 1000.
    static func limit(_ request: S3Request, name: String) throws -> Int {
        guard let text = request.queryValue(name) else { return 1000 }
        guard let value = Int(text), value >= 0 else {
            throw S3Error.invalidArgument("Provided \(name) not an integer or within integer range", name: name, value: text)
        }
        return min(value, 1000)
    }
}
