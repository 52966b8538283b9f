import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The S3 XML bodies the remote adapter reads: ListObjectsV2 results and error documents.
enum S3XML {
    struct ListResult {
        var objects: [StoredObject]
        var isTruncated: Bool
        var nextContinuationToken: String?
    }

    static func listBucketResult(_ body: [UInt8]) throws -> ListResult {
        guard let root = Element.parse(body), root.name == "ListBucketResult" else {
            throw StorageError(code: "MalformedResponse", message: "The storage answered a listing that is not a ListBucketResult")
        }
        let objects = root.children.filter { $0.name == "Contents" }.map { entry in
            StoredObject(
                key: entry.text(of: "Key") ?? "",
                etag: unquoted(entry.text(of: "ETag") ?? ""),
                size: entry.text(of: "Size").flatMap { Int64($0) } ?? 0,
                lastModified: entry.text(of: "LastModified").flatMap(date) ?? Date(timeIntervalSince1970: 0)
            )
        }
        return ListResult(
            objects: objects,
            isTruncated: root.text(of: "IsTruncated") == "true",
            nextContinuationToken: root.text(of: "NextContinuationToken")
        )
    }

    /// The StorageError an S3 error document describes: `Code`, `Message`, and every other child element as a detail
    /// (`KMSKeyId`, `Principal`, `Key`, `Resource`, `RequestId`...). A body that is not one keeps the HTTP status.
    static func storageError(status: Int, body: [UInt8]) -> StorageError {
        guard let root = Element.parse(body), root.name == "Error" else {
            let text = String(decoding: body.prefix(512), as: UTF8.self)
            return StorageError(code: "HTTP\(status)", message: text.isEmpty ? "The storage answered HTTP \(status)" : text, httpStatus: status)
        }
        var details: [String: String] = [:]
        for child in root.children where child.name != "Code" && child.name != "Message" {
            details[child.name] = child.text
        }
        return StorageError(
            code: root.text(of: "Code") ?? "HTTP\(status)",
            message: root.text(of: "Message") ?? "",
            httpStatus: status,
            details: details
        )
    }

    private static func unquoted(_ etag: String) -> String {
        etag.count >= 2 && etag.hasPrefix("\"") && etag.hasSuffix("\"") ? String(etag.dropFirst().dropLast()) : etag
    }

    /// S3 writes `2009-10-12T17:50:30.000Z`; some servers leave out the fraction.
    private static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    /// An element of a small XML document: its name, its text, its child elements.
    final class Element {
        let name: String
        var text = ""
        var children: [Element] = []

        init(name: String) {
            self.name = name
        }

        /// The text of the first child named `name`.
        func text(of name: String) -> String? {
            children.first { $0.name == name }?.text
        }

        /// The root element, or nil when `bytes` are not well-formed XML.
        static func parse(_ bytes: [UInt8]) -> Element? {
            let builder = Builder()
            let parser = XMLParser(data: Data(bytes))
            parser.delegate = builder
            return parser.parse() ? builder.root : nil
        }
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: Element?
        private var stack: [Element] = []

        func parser(
            _ parser: XMLParser,
            didStartElement elementName: String,
            namespaceURI: String?,
            qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            let element = Element(name: elementName)
            stack.last?.children.append(element)
            if stack.isEmpty { root = element }
            stack.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}
