import Foundation
import Testing

@testable import Labeling

/// The remote adapter's reading of S3 bodies (its requests are tested end to end against moto_server).
@Suite("S3 XML bodies")
struct S3XMLTests {
    @Test func listBucketResult() throws {
        let body = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <Name>labeled</Name><Prefix>img/</Prefix><KeyCount>2</KeyCount><MaxKeys>2</MaxKeys><IsTruncated>true</IsTruncated>
              <NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>
              <Contents><Key>img/1.jpg</Key><LastModified>2009-10-12T17:50:30.000Z</LastModified>
                <ETag>&quot;fba9dede5f27731c9771645a39863328&quot;</ETag><Size>434234</Size><StorageClass>STANDARD</StorageClass></Contents>
              <Contents><Key>img/1 &amp; 2.txt</Key><LastModified>2009-10-12T17:50:31Z</LastModified>
                <ETag>"3b5e-2"</ETag><Size>4</Size></Contents>
            </ListBucketResult>
            """
        let result = try S3XML.listBucketResult(Array(body.utf8))
        #expect(result.isTruncated)
        #expect(result.nextContinuationToken == "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=")
        #expect(result.objects.map(\.key) == ["img/1.jpg", "img/1 & 2.txt"])
        #expect(result.objects.map(\.etag) == ["fba9dede5f27731c9771645a39863328", "3b5e-2"])
        #expect(result.objects.map(\.size) == [434_234, 4])
        #expect(result.objects[0].lastModified == Date(timeIntervalSince1970: 1_255_369_830))
        #expect(result.objects[1].lastModified == Date(timeIntervalSince1970: 1_255_369_831))
    }

    @Test func anEmptyListing() throws {
        let body = "<ListBucketResult><Name>b</Name><KeyCount>0</KeyCount><IsTruncated>false</IsTruncated></ListBucketResult>"
        let result = try S3XML.listBucketResult(Array(body.utf8))
        #expect(result.objects.isEmpty)
        #expect(!result.isTruncated)
    }

    @Test func errorDocumentsBecomeStorageErrors() {
        let body = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Error><Code>KMS.AccessDeniedException</Code><Message>User: modelarts-service is not authorized</Message>
            <KMSKeyId>0f1e2d3c</KMSKeyId><Principal>modelarts-service</Principal><Resource>/labeled/img/1.txt</Resource>
            <RequestId>abc</RequestId></Error>
            """
        let error = S3XML.storageError(status: 403, body: Array(body.utf8))
        #expect(error.code == "KMS.AccessDeniedException")
        #expect(error.message == "User: modelarts-service is not authorized")
        #expect(error.httpStatus == 403)
        #expect(error.kmsKeyId == "0f1e2d3c")
        #expect(error.principal == "modelarts-service")
        #expect(error.details["Resource"] == "/labeled/img/1.txt")
    }

    @Test func aBodyThatIsNoErrorDocumentKeepsTheStatus() {
        let error = S3XML.storageError(status: 502, body: Array("Bad Gateway".utf8))
        #expect(error.code == "HTTP502")
        #expect(error.httpStatus == 502)
        #expect(S3XML.storageError(status: 404, body: []).code == "HTTP404")
    }
}
