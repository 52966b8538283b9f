import Foundation
import NIOHTTP1
import S3Documents
import Testing

@testable import S3Client

/// The client's reading of S3 answers (its requests are tested end to end, against obslab and moto_server).
@Suite("S3 client XML")
struct S3ClientXMLTests {
    @Test func aListingDecodesWithItsEntitiesUnescaped() throws {
        let body = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <Name>labeled</Name><Prefix>img/</Prefix><KeyCount>2</KeyCount><MaxKeys>2</MaxKeys><IsTruncated>true</IsTruncated>
              <NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>
              <Contents><Key>img/1.jpg</Key><LastModified>2009-10-12T17:50:30.000Z</LastModified>
                <ETag>&quot;fba9dede5f27731c9771645a39863328&quot;</ETag><Size>434234</Size><StorageClass>STANDARD</StorageClass></Contents>
              <Contents><Key>img/1 &amp; 2 &lt;&#233;t&#xE9;&gt;.txt</Key><LastModified>2009-10-12T17:50:31Z</LastModified>
                <ETag>"3b5e-2"</ETag><Size>4</Size></Contents>
            </ListBucketResult>
            """
        let result = try S3ClientXML.decode(ListBucketResultV2.self, from: Array(body.utf8))
        #expect(result.isTruncated)
        #expect(result.nextContinuationToken == "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=")
        #expect(result.contents.map(\.key) == ["img/1.jpg", "img/1 & 2 <été>.txt"])
        #expect(result.contents.map(\.unquotedETag) == ["fba9dede5f27731c9771645a39863328", "3b5e-2"])
        #expect(result.contents.map(\.size) == [434_234, 4])
        #expect(result.contents.map(\.storageClass) == ["STANDARD", "STANDARD"])
        #expect(result.contents[0].lastModified == Date(timeIntervalSince1970: 1_255_369_830))
        #expect(result.contents[1].lastModified == Date(timeIntervalSince1970: 1_255_369_831))
    }

    @Test func anEmptyListing() throws {
        let body = "<ListBucketResult><Name>b</Name><Prefix></Prefix><KeyCount>0</KeyCount><IsTruncated>false</IsTruncated></ListBucketResult>"
        let result = try S3ClientXML.decode(ListBucketResultV2.self, from: Array(body.utf8))
        #expect(result.contents.isEmpty)
        #expect(result.prefix == "")
        #expect(!result.isTruncated)
    }

    @Test func configurationsInEitherNamespace() throws {
        let encryption = """
            <ServerSideEncryptionConfiguration xmlns="http://obs.myhwclouds.com/doc/2015-06-30/"><Rule><ApplyServerSideEncryptionByDefault>\
            <SSEAlgorithm>kms</SSEAlgorithm><KMSMasterKeyID>testkey-1</KMSMasterKeyID></ApplyServerSideEncryptionByDefault></Rule>\
            </ServerSideEncryptionConfiguration>
            """
        let rule = try #require(try S3ClientXML.decode(ServerSideEncryptionConfiguration.self, from: Array(encryption.utf8)).rules.first)
        #expect(rule.applyServerSideEncryptionByDefault == .init(sseAlgorithm: "kms", kmsMasterKeyId: "testkey-1"))
        let never = "<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>"
        #expect(try S3ClientXML.decode(VersioningConfiguration.self, from: Array(never.utf8)).status == nil)
    }

    @Test(arguments: [
        ("<Error><Code>NoSuchKey</Code></Error>", "not the document asked for"),
        ("<ListBucketResult><Name>b</Name>", "not well-formed"),
        ("<!DOCTYPE x [<!ENTITY a \"aaaa\">]><ListBucketResult><Name>&a;</Name><IsTruncated>false</IsTruncated></ListBucketResult>", "a DTD"),
        (String(repeating: "<a>", count: 40) + "<ListBucketResult/>", "too deep"),
        (
            "<ListBucketResult>" + String(repeating: "<Contents>", count: 5000) + String(repeating: "</Contents>", count: 5000)
                + "</ListBucketResult>", "too deep inside"
        ),
    ])
    func whatIsNotTheDocumentIsAMalformedResponse(body: String, reason: String) {
        #expect(throws: S3ClientError.self, "\(reason)") {
            do {
                _ = try S3ClientXML.decode(ListBucketResultV2.self, from: Array(body.utf8))
            } catch let error as S3ClientError {
                #expect(error.code == S3ClientError.malformedResponseCode)
                throw error
            }
        }
    }

    @Test func errorDocumentsBecomeClientErrors() {
        let body = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Error><Code>KMS.AccessDeniedException</Code><Message>User: modelarts-service is not authorized &amp; never was</Message>
            <KMSKeyId>0f1e2d3c</KMSKeyId><Principal>modelarts-service</Principal><Resource>/labeled/img/1.txt</Resource>
            <RequestId>abc</RequestId></Error>
            """
        let error = S3Response(status: 403, headers: [:], body: Array(body.utf8)).error
        #expect(error.code == "KMS.AccessDeniedException")
        #expect(error.message == "User: modelarts-service is not authorized & never was")
        #expect(error.status == 403)
        #expect(error.details["KMSKeyId"] == "0f1e2d3c")
        #expect(error.details["Principal"] == "modelarts-service")
        #expect(error.details["Resource"] == "/labeled/img/1.txt")
        #expect(error.details["RequestId"] == "abc")
    }

    @Test func anAnswerWithoutAnErrorDocumentKeepsItsStatus() {
        let proxy = S3Response(status: 502, headers: [:], body: Array("Bad Gateway".utf8)).error
        #expect(proxy.code == "HTTP502")
        #expect(proxy.status == 502)
        #expect(proxy.message == "Bad Gateway")
        #expect(S3Response(status: 404, headers: [:], body: []).error.code == "HTTP404")
        #expect(throws: S3ClientError.self) { try S3Response(status: 404, headers: [:], body: []).checked() }
        #expect(throws: Never.self) { try S3Response(status: 204, headers: [:], body: []).checked() }
    }

    @Test func keysAreSplitIntoPathSegments() {
        #expect(S3Client.objectPath(bucket: "b", key: "a/b c/d") == ["b", "a", "b c", "d"])
        #expect(S3Client.objectPath(bucket: "b", key: "a//x/") == ["b", "a", "", "x", ""])
    }
}
