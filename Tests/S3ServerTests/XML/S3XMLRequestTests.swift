import Foundation
import S3RequestXML
import Testing

@testable import S3Server

struct S3XMLRequestTests {
    static let namespaces = ["", #" xmlns="http://s3.amazonaws.com/doc/2006-03-01/""#, #" xmlns="http://obs.myhwclouds.com/doc/2015-06-30/""#]

    func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test(arguments: namespaces)
    func decodesDeleteWithKeysVerbatim(_ namespace: String) throws {
        let body = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Delete\(namespace)>
              <Quiet>true</Quiet>
              <Object><Key> spaced key </Key></Object>
              <Object><Key>a&amp;b</Key><VersionId>v1</VersionId></Object>
            </Delete>
            """
        let request = try S3XML.decode(Delete.self, from: bytes(body))
        #expect(request == Delete(quiet: true, objects: [.init(key: " spaced key "), .init(key: "a&b", versionId: "v1")]))
    }

    @Test func decodesDeleteAsBotocoreSendsIt() throws {
        let body =
            #"<Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Object><Key>a</Key></Object>"#
            + #"<Object><Key>b</Key><VersionId>v</VersionId></Object><Quiet>true</Quiet></Delete>"#
        #expect(
            try S3XML.decode(Delete.self, from: bytes(body))
                == Delete(quiet: true, objects: [.init(key: "a"), .init(key: "b", versionId: "v")])
        )
    }

    @Test func decodesDeleteWithAPrefixedNamespace() throws {
        let body = #"<s3:Delete xmlns:s3="http://s3.amazonaws.com/doc/2006-03-01/"><s3:Object><s3:Key>k</s3:Key></s3:Object></s3:Delete>"#
        #expect(try S3XML.decode(Delete.self, from: bytes(body)) == Delete(objects: [.init(key: "k")]))
    }

    @Test func decodesDeleteWithoutObjectsAsEmpty() throws {
        #expect(try S3XML.decode(Delete.self, from: bytes("<Delete><Quiet>false</Quiet></Delete>")).objects.isEmpty)
    }

    @Test(arguments: namespaces)
    func decodesCompleteMultipartUpload(_ namespace: String) throws {
        let body = """
            <CompleteMultipartUpload\(namespace)><Part><ETag>"e1"</ETag><PartNumber>1</PartNumber><ChecksumCRC32>Mhb2jA==</ChecksumCRC32></Part>\
            <Part><PartNumber>2</PartNumber><ETag>&quot;e2&quot;</ETag></Part></CompleteMultipartUpload>
            """
        let request = try S3XML.decode(CompleteMultipartUpload.self, from: bytes(body))
        #expect(request.parts == [.init(partNumber: 1, etag: "\"e1\"", checksumCRC32: "Mhb2jA=="), .init(partNumber: 2, etag: "\"e2\"")])
    }

    @Test(arguments: namespaces)
    func decodesVersioningConfiguration(_ namespace: String) throws {
        let body = "<VersioningConfiguration\(namespace)><Status>Suspended</Status><MfaDelete>Disabled</MfaDelete></VersioningConfiguration>"
        #expect(
            try S3XML.decode(VersioningConfiguration.self, from: bytes(body))
                == VersioningConfiguration(status: "Suspended", mfaDelete: "Disabled")
        )
    }

    @Test(arguments: namespaces)
    func decodesEncryptionConfiguration(_ namespace: String) throws {
        let body = """
            <ServerSideEncryptionConfiguration\(namespace)><Rule><ApplyServerSideEncryptionByDefault>\
            <SSEAlgorithm>aws:kms</SSEAlgorithm><KMSMasterKeyID>testkey-1</KMSMasterKeyID></ApplyServerSideEncryptionByDefault>\
            <BucketKeyEnabled>true</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>
            """
        let expected = ServerSideEncryptionConfiguration(rules: [
            .init(applyServerSideEncryptionByDefault: .init(sseAlgorithm: "aws:kms", kmsMasterKeyId: "testkey-1"), bucketKeyEnabled: true)
        ])
        #expect(try S3XML.decode(ServerSideEncryptionConfiguration.self, from: bytes(body)) == expected)
    }

    @Test(arguments: namespaces)
    func decodesCreateBucketConfiguration(_ namespace: String) throws {
        let body = "<CreateBucketConfiguration\(namespace)><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>"
        #expect(try S3XML.decodeIfPresent(CreateBucketConfiguration.self, from: bytes(body))?.locationConstraint == "eu-west-1")
    }

    @Test func emptyCreateBucketBodyIsAbsent() throws {
        #expect(try S3XML.decodeIfPresent(CreateBucketConfiguration.self, from: bytes("")) == nil)
        #expect(try S3XML.decodeIfPresent(CreateBucketConfiguration.self, from: bytes(" \r\n")) == nil)
        #expect(try S3XML.decodeIfPresent(CreateBucketConfiguration.self, from: bytes("<CreateBucketConfiguration/>")) == .init())
    }

    @Test(arguments: [
        "",
        "not xml",
        "<Delete><Object><Key>k</Key></Object>",
        "<Delete><Object><Key>k</Object></Key></Delete>",
        "<Other><Object><Key>k</Key></Object></Other>",
        "<Delete><Object><VersionId>v</VersionId></Object></Delete>",
        "<!DOCTYPE Delete [<!ENTITY x \"y\">]><Delete><Object><Key>&x;</Key></Object></Delete>",
    ])
    func malformedDeleteThrows(_ body: String) {
        #expect(throws: MalformedXMLError.self) { try S3XML.decode(Delete.self, from: bytes(body)) }
    }

    @Test(arguments: [
        "<CompleteMultipartUpload><Part><PartNumber>one</PartNumber><ETag>e</ETag></Part></CompleteMultipartUpload>",
        "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber></Part></CompleteMultipartUpload>",
    ])
    func malformedCompleteMultipartUploadThrows(_ body: String) {
        #expect(throws: MalformedXMLError.self) { try S3XML.decode(CompleteMultipartUpload.self, from: bytes(body)) }
    }

    @Test func malformedEncryptionConfigurationThrows() {
        let body = "<ServerSideEncryptionConfiguration><Rule><BucketKeyEnabled>true</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>"
        #expect(throws: MalformedXMLError.self) { try S3XML.decode(ServerSideEncryptionConfiguration.self, from: bytes(body)) }
    }
}
