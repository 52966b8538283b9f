import Foundation
import XMLCoder

/// Encodes S3 response documents and decodes S3 request documents.
enum S3XML {
    static let s3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/"
    static let obsNamespace = "http://obs.myhwclouds.com/doc/2015-06-30/"

    /// Encodes a document with its own root element and namespace, after an `<?xml ...?>` header.
    static func encode<T: S3XMLDocument>(_ document: T) throws -> [UInt8] {
        try encode(document, root: T.rootElement, namespace: T.namespace)
    }

    /// Encodes a document with its own root element under another namespace (the OBS dialect).
    static func encode<T: S3XMLDocument>(_ document: T, namespace: String?) throws -> [UInt8] {
        try encode(document, root: T.rootElement, namespace: namespace)
    }

    /// Encodes any value as the root element `root`, with `xmlns="namespace"` when a namespace is given.
    static func encode<T: Encodable>(_ value: T, root: String, namespace: String?) throws -> [UInt8] {
        let encoder = XMLEncoder()
        // Quotes need no escaping in text, so ETags come out as `"…"`; a carriage return must be escaped
        // or parsers turn it into a line feed.
        encoder.charactersEscapedInElements = [("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;")]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(HTTPDate.iso8601(date))
        }
        let data = try encoder.encode(
            value,
            withRootKey: root,
            rootAttributes: namespace.map { ["xmlns": $0] },
            header: XMLHeader(version: 1.0, encoding: "UTF-8")
        )
        return Array(data)
    }

    /// Decodes a request document, checking its root element; any namespace (or none) is accepted.
    /// - Throws: `MalformedXMLError` for anything but a well-formed document of that type.
    static func decode<T: S3XMLDocument & Decodable>(_ type: T.Type, from body: some Sequence<UInt8>) throws -> T {
        try decode(type, root: T.rootElement, from: body)
    }

    /// Like `decode(_:from:)`, but an empty or blank body gives `nil` (S3 allows an absent
    /// `CreateBucketConfiguration`).
    static func decodeIfPresent<T: S3XMLDocument & Decodable>(_ type: T.Type, from body: some Sequence<UInt8>) throws -> T? {
        let bytes = Array(body)
        guard bytes.contains(where: { !isWhitespace($0) }) else { return nil }
        return try decode(type, root: T.rootElement, from: bytes)
    }

    /// Decodes `type` from a document whose root element has the local name `root`.
    /// - Throws: `MalformedXMLError`.
    static func decode<T: Decodable>(_ type: T.Type, root: String, from body: some Sequence<UInt8>) throws -> T {
        let bytes = Array(body)
        let found = try rootElementName(of: bytes)
        guard found == root else {
            throw MalformedXMLError(reason: "root element is \(found), expected \(root)")
        }
        let decoder = XMLDecoder(trimValueWhitespaces: false, removeWhitespaceElements: true)
        decoder.shouldProcessNamespaces = true
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = HTTPDate.parseISO8601(text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad date \(text)"))
            }
            return date
        }
        do {
            return Dialect.current.incoming(try decoder.decode(type, from: Data(bytes)))
        } catch {
            throw MalformedXMLError(reason: String(describing: error))
        }
    }

    /// The local name of the root element. Refuses document type declarations, which S3 bodies never
    /// need and which would open the door to entity expansion.
    private static func rootElementName(of bytes: [UInt8]) throws -> String {
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        func skip(past terminator: String) throws {
            let end = Array(terminator.utf8)
            while index < bytes.count, !bytes[index...].starts(with: end) { index += 1 }
            guard index < bytes.count else { throw MalformedXMLError(reason: "unterminated markup") }
            index += end.count
        }
        while index < bytes.count {
            let rest = bytes[index...]
            if isWhitespace(bytes[index]) {
                index += 1
            } else if rest.starts(with: Array("<?".utf8)) {
                try skip(past: "?>")
            } else if rest.starts(with: Array("<!--".utf8)) {
                try skip(past: "-->")
            } else if rest.starts(with: Array("<!".utf8)) {
                throw MalformedXMLError(reason: "document type declarations are not accepted")
            } else if bytes[index] == UInt8(ascii: "<") {
                let name = rest.dropFirst().prefix { !isWhitespace($0) && $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: ">") }
                let qualified = String(decoding: name, as: UTF8.self)
                guard !qualified.isEmpty else { break }
                return qualified.split(separator: ":").last.map(String.init) ?? qualified
            } else {
                break
            }
        }
        throw MalformedXMLError(reason: "no root element")
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}
