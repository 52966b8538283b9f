import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// An object as ListObjectsV2 describes it.
struct RemoteObject: Sendable, Hashable {
    var key: String
    /// Unquoted.
    var etag: String
    var size: Int64

    /// The `Contents` of a ListObjectsV2 answer, whether it is truncated, and its continuation token.
    static func parseListing(_ body: [UInt8]) -> (objects: [RemoteObject], nextToken: String?)? {
        let reader = ListingReader()
        let parser = XMLParser(data: Data(body))
        parser.delegate = reader
        guard parser.parse(), reader.sawRoot else { return nil }
        return (reader.objects, reader.isTruncated ? reader.nextToken : nil)
    }
}

/// Collects the elements of a ListBucketResult that remediation needs.
private final class ListingReader: NSObject, XMLParserDelegate {
    var objects: [RemoteObject] = []
    var isTruncated = false
    var nextToken: String?
    var sawRoot = false
    private var current: RemoteObject?
    private var text = ""

    func parser(
        _ parser: XMLParser,
        didStartElement elementName: String,
        namespaceURI: String?,
        qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if elementName == "ListBucketResult" { sawRoot = true }
        if elementName == "Contents" { current = RemoteObject(key: "", etag: "", size: 0) }
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        switch elementName {
        case "Key": current?.key = text
        case "ETag": current?.etag = text.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        case "Size": current?.size = Int64(text) ?? 0
        case "Contents": if let current { objects.append(current) }; current = nil
        case "IsTruncated": isTruncated = text == "true"
        case "NextContinuationToken": nextToken = text
        default: break
        }
        text = ""
    }
}
