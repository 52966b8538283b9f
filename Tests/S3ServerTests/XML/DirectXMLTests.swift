import Foundation
import S3Documents
import Testing

@testable import S3Server

/// The listing written by `XMLTextWriter` is, byte for byte, what XMLCoder writes for the same document.
struct DirectXMLTests {
    static let date = Date(timeIntervalSince1970: 1_795_979_393.25)

    static let documents: [ListBucketResultV2] = [
        ListBucketResultV2(name: "b", prefix: "", maxKeys: 1000, keyCount: 0, isTruncated: false),
        ListBucketResultV2(
            name: "bucket.with-dots",
            prefix: "a&b<c>d\"e'f\rg\n",
            maxKeys: 2,
            keyCount: 3,
            delimiter: "/",
            isTruncated: true,
            continuationToken: "dG9rZW4=",
            nextContinuationToken: "bmV4dA==",
            startAfter: "été/🙂",
            encodingType: "url",
            contents: [
                ListedObject(key: "k&1<>", lastModified: date, etag: "\"0123abcd\"", size: 0),
                ListedObject(
                    key: " spaced \r\n\t", lastModified: date, etag: "\"abc-2\"", size: 5_000_000_000, storageClass: "GLACIER",
                    owner: Owner(id: "id&1", displayName: "<owner>"), checksumAlgorithm: "CRC64NVME"
                ),
            ],
            commonPrefixes: [CommonPrefix(prefix: "p1/"), CommonPrefix(prefix: "p&2/")]
        ),
    ]

    static let namespaces = [nil, S3XML.s3Namespace, S3XML.obsNamespace]

    static func expectSameBytes<Document: S3XMLDocument>(_ document: Document, namespace: String?) throws {
        let direct = try S3XML.encode(document, namespace: namespace)
        let coded = try S3XML.encode(document, root: Document.rootElement, namespace: namespace)
        #expect(String(decoding: direct, as: UTF8.self) == String(decoding: coded, as: UTF8.self))
    }

    @Test(arguments: documents, namespaces)
    func listObjectsV2MatchesXMLCoder(_ document: ListBucketResultV2, namespace: String?) throws {
        try Self.expectSameBytes(document, namespace: namespace)
    }

    @Test(arguments: documents, namespaces)
    func listObjectsMatchesXMLCoder(_ v2: ListBucketResultV2, namespace: String?) throws {
        let document = ListBucketResult(
            name: v2.name, prefix: v2.prefix, marker: v2.startAfter ?? "", nextMarker: v2.nextContinuationToken, maxKeys: v2.maxKeys,
            delimiter: v2.delimiter, isTruncated: v2.isTruncated, encodingType: v2.encodingType, contents: v2.contents,
            commonPrefixes: v2.commonPrefixes
        )
        try Self.expectSameBytes(document, namespace: namespace)
    }

    @Test(arguments: namespaces)
    func listVersionsMatchesXMLCoder(namespace: String?) throws {
        let owner = Owner(id: "o&1", displayName: "<o>")
        for document in [
            ListVersionsResult(
                name: "b", prefix: "", keyMarker: "", versionIdMarker: "", maxKeys: 1000, isTruncated: false
            ),
            ListVersionsResult(
                name: "b", prefix: "p&", keyMarker: "k<", versionIdMarker: "v>", nextKeyMarker: "n\r", nextVersionIdMarker: "nv",
                maxKeys: 3, delimiter: "/", isTruncated: true, encodingType: "url",
                entries: [
                    .version(.init(key: "a&", versionId: "1", isLatest: true, lastModified: Self.date, etag: "\"e\"", size: 7, owner: owner)),
                    .deleteMarker(.init(key: "a&", versionId: "0", isLatest: false, lastModified: Self.date, owner: owner)),
                    .version(
                        .init(
                            key: "b", versionId: "2", isLatest: false, lastModified: Self.date, etag: "\"f-2\"", size: 0,
                            storageClass: "STANDARD_IA", owner: owner)
                    ),
                ],
                commonPrefixes: [CommonPrefix(prefix: "c/")]
            ),
        ] {
            try Self.expectSameBytes(document, namespace: namespace)
        }
    }
}
