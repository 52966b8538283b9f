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

    @Test(arguments: documents, [nil, S3XML.s3Namespace, S3XML.obsNamespace])
    func listObjectsV2MatchesXMLCoder(_ document: ListBucketResultV2, namespace: String?) throws {
        let direct = try S3XML.encode(document, namespace: namespace)
        let coded = try S3XML.encode(document, root: ListBucketResultV2.rootElement, namespace: namespace)
        #expect(String(decoding: direct, as: UTF8.self) == String(decoding: coded, as: UTF8.self))
    }
}
