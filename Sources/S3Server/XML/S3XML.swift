import Foundation
import S3RequestXML
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
        if let direct = document as? any DirectXMLDocument {
            var writer = XMLTextWriter(root: T.rootElement, namespace: namespace)
            direct.writeElements(to: &writer)
            writer.close(T.rootElement)
            return writer.bytes
        }
        return try encode(document, root: T.rootElement, namespace: namespace)
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

    /// Decodes a request document under its limits (`S3RequestXML`), with the values of the request's dialect mapped to S3's.
    /// - Throws: `MalformedXMLError`, or `MaxMessageLengthExceeded` for a body over the document's size limit.
    static func decode<T: RequestDocument>(_ type: T.Type, from body: [UInt8]) throws -> T {
        do {
            return Dialect.current.incoming(try RequestXML.decode(type, from: body))
        } catch {
            throw S3XML.failure(error)
        }
    }

    /// Like `decode(_:from:)`, but an empty or blank body gives `nil` (S3 allows an absent `CreateBucketConfiguration`).
    static func decodeIfPresent<T: RequestDocument>(_ type: T.Type, from body: [UInt8]) throws -> T? {
        do {
            return try RequestXML.decodeIfPresent(type, from: body).map { Dialect.current.incoming($0) }
        } catch {
            throw S3XML.failure(error)
        }
    }
}

extension S3XML {
    /// The S3 answer to a request body that is not an acceptable document; `MalformedXMLError` renders as `MalformedXML`.
    fileprivate static func failure(_ error: RequestXMLError) -> any Error {
        switch error.kind {
        case .malformed: MalformedXMLError(reason: error.reason)
        case .tooLarge: S3Error.maxMessageLengthExceeded()
        }
    }
}
