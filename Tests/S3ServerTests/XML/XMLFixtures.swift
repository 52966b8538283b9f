import Foundation
import XMLCoder

@testable import S3Server

/// Shared values for the XML tests.
enum XMLFixtures {
    /// 2026-11-29T19:09:53Z.
    static let date = Date(timeIntervalSince1970: 1_795_979_393)
    static let owner = Owner(id: "75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a", displayName: "obslab")
    static let header = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
    static let s3 = #"xmlns="http://s3.amazonaws.com/doc/2006-03-01/""#

    static func string(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Decodes a response document, as a client would, to check that what the server encodes reads back the same.
    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        let decoder = XMLDecoder(trimValueWhitespaces: false, removeWhitespaceElements: true)
        decoder.shouldProcessNamespaces = true
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = HTTPDate.parseISO8601(text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad date \(text)"))
            }
            return date
        }
        return try decoder.decode(type, from: Data(bytes))
    }
}
