import HTTPTypes
import S3RequestXML
import Testing

@testable import S3Server

@Suite struct DialectTests {
    static func head(_ method: HTTPRequest.Method = .get, path: String, headers: HTTPFields = [:]) -> HTTPRequest {
        HTTPRequest(method: method, scheme: "http", authority: "127.0.0.1:9000", path: path, headerFields: headers)
    }

    @Test func plainAndAWSSignedRequestsAreS3() {
        #expect(Dialect(of: Self.head(path: "/b/k")) == .s3)
        #expect(Dialect(of: Self.head(path: "/b/k", headers: [.authorization: "AWS ak:sig", HTTPField.Name("x-amz-meta-a")!: "1"])) == .s3)
        #expect(Dialect(of: Self.head(path: "/b/k?AWSAccessKeyId=ak&Expires=1&Signature=s")) == .s3)
    }

    @Test func obsSignaturesHeadersAndNegotiationAreOBS() {
        #expect(Dialect(of: Self.head(path: "/b/k", headers: [.authorization: "OBS ak:sig"])) == .obs)
        #expect(Dialect(of: Self.head(path: "/b/k?AccessKeyId=ak&Expires=1&Signature=s")) == .obs)
        #expect(Dialect(of: Self.head(path: "/b/k", headers: [HTTPField.Name("X-Obs-Meta-A")!: "1"])) == .obs)
        #expect(Dialect(of: Self.head(.head, path: "/b?apiversion")) == .obs)
    }

    @Test func obsRequestHeadersReachHandlersAsTheirS3Twins() throws {
        let head = Self.head(
            .put,
            path: "/b/k",
            headers: [
                HTTPField.Name("x-obs-meta-colour")!: "blue",
                HTTPField.Name("x-obs-copy-source")!: "/src/a%20b",
                HTTPField.Name("x-obs-metadata-directive")!: "REPLACE",
                HTTPField.Name("x-obs-server-side-encryption")!: "kms",
                HTTPField.Name("x-obs-server-side-encryption-kms-key-id")!: "testkey-1",
                HTTPField.Name("x-obs-server-side-encryption-customer-key-MD5")!: "md5==",
                .contentType: "text/plain",
            ]
        )
        let fields = try Dialect.obs.incoming(head).headerFields
        #expect(fields[HTTPField.Name("x-amz-meta-colour")!] == "blue")
        #expect(fields[HTTPField.Name("x-amz-copy-source")!] == "/src/a%20b")
        #expect(fields[HTTPField.Name("x-amz-metadata-directive")!] == "REPLACE")
        #expect(fields[HTTPField.Name("x-amz-server-side-encryption")!] == "aws:kms")
        #expect(fields[HTTPField.Name("x-amz-server-side-encryption-aws-kms-key-id")!] == "testkey-1")
        #expect(fields[HTTPField.Name("x-amz-server-side-encryption-customer-key-md5")!] == "md5==")
        #expect(fields[.contentType] == "text/plain")
        #expect(!fields.contains { $0.name.canonicalName.hasPrefix("x-obs-") })
        // In the S3 dialect nothing changes, not even a stray x-obs header.
        #expect(try Dialect.s3.incoming(head).headerFields == head.headerFields)
    }

    /// Which of `x-amz-acl` and `x-obs-acl` would a handler obey? Neither: the request is refused.
    @Test(arguments: [
        ("x-amz-acl", "x-obs-acl"),
        ("x-amz-meta-a", "x-obs-meta-a"),
        ("x-amz-server-side-encryption-aws-kms-key-id", "x-obs-server-side-encryption-kms-key-id"),
    ])
    func oneHeaderNamedInBothDialectsIsRefused(amz: String, obs: String) {
        let head = Self.head(.put, path: "/b/k", headers: [HTTPField.Name(amz)!: "one", HTTPField.Name(obs)!: "two"])
        let error = #expect(throws: S3Error.self) { try Dialect.obs.incoming(head) }
        #expect(error?.code == "InvalidArgument")
        #expect(error?.status == .badRequest)
    }

    @Test func aRepeatedHeaderOfOneDialectIsNotAMix() throws {
        var fields: HTTPFields = [HTTPField.Name("x-obs-meta-a")!: "one"]
        fields.append(HTTPField(name: HTTPField.Name("x-obs-meta-a")!, value: "two"))
        let translated = try Dialect.obs.incoming(Self.head(.put, path: "/b/k", headers: fields)).headerFields
        #expect(translated[values: HTTPField.Name("x-amz-meta-a")!] == ["one", "two"])
    }

    @Test func obsResponsesUseOBSNamesAndValues() {
        let headers: HTTPFields = [
            HTTPField.Name("x-amz-request-id")!: "R",
            HTTPField.Name("x-amz-version-id")!: "v1",
            HTTPField.Name("x-amz-delete-marker")!: "true",
            HTTPField.Name("x-amz-meta-colour")!: "blue",
            HTTPField.Name("x-amz-server-side-encryption")!: "aws:kms",
            HTTPField.Name("x-amz-server-side-encryption-aws-kms-key-id")!: "testkey-1",
            HTTPField.Name("x-amz-bucket-region")!: "us-east-1",
            .eTag: "\"e\"",
        ]
        let fields = Dialect.obs.outgoing(headers)
        #expect(fields[HTTPField.Name("x-obs-request-id")!] == "R")
        #expect(fields[HTTPField.Name("x-obs-version-id")!] == "v1")
        #expect(fields[HTTPField.Name("x-obs-delete-marker")!] == "true")
        #expect(fields[HTTPField.Name("x-obs-meta-colour")!] == "blue")
        #expect(fields[HTTPField.Name("x-obs-server-side-encryption")!] == "kms")
        #expect(fields[HTTPField.Name("x-obs-server-side-encryption-kms-key-id")!] == "testkey-1")
        #expect(fields[HTTPField.Name("x-obs-bucket-location")!] == "us-east-1")
        #expect(fields[.eTag] == "\"e\"")
        #expect(!fields.contains { $0.name.canonicalName.hasPrefix("x-amz-") })
        #expect(Dialect.s3.outgoing(headers) == headers)
    }

    /// What `XMLResponse.make` encodes for a response document in each dialect.
    static func encoded<Document: S3XMLDocument>(_ document: Document, in dialect: Dialect) throws -> String {
        XMLFixtures.string(try S3XML.encode(dialect.outgoing(document), namespace: dialect.namespace(of: Document.self)))
    }

    @Test func obsXMLUsesTheOBSNamespaceAndKMS() throws {
        let configuration = ServerSideEncryptionConfiguration(
            rules: [.init(applyServerSideEncryptionByDefault: .init(sseAlgorithm: "aws:kms", kmsMasterKeyId: "testkey-1"))]
        )
        let obs = try Self.encoded(configuration, in: .obs)
        #expect(obs.contains("<ServerSideEncryptionConfiguration xmlns=\"\(S3XML.obsNamespace)\">"))
        #expect(obs.contains("<SSEAlgorithm>kms</SSEAlgorithm><KMSMasterKeyID>testkey-1</KMSMasterKeyID>"))
        let s3 = try Self.encoded(configuration, in: .s3)
        #expect(s3.contains("<ServerSideEncryptionConfiguration xmlns=\"\(S3XML.s3Namespace)\">"))
        #expect(s3.contains("<SSEAlgorithm>aws:kms</SSEAlgorithm>"))
        #expect(try Self.encoded(VersioningConfiguration(status: "Enabled"), in: .obs).contains("xmlns=\"\(S3XML.obsNamespace)\""))
        // Documents S3 sends without a namespace keep none.
        #expect(Dialect.obs.namespace(of: S3ErrorDocument.self) == nil)
    }

    @Test func obsRequestXMLIsReadWithS3Values() throws {
        let body = """
            <ServerSideEncryptionConfiguration xmlns="\(S3XML.obsNamespace)"><Rule><ApplyServerSideEncryptionByDefault>\
            <SSEAlgorithm>kms</SSEAlgorithm><KMSMasterKeyID>k</KMSMasterKeyID></ApplyServerSideEncryptionByDefault></Rule>\
            </ServerSideEncryptionConfiguration>
            """
        let obs = try Dialect.$current.withValue(.obs) { try S3XML.decode(ServerSideEncryptionConfiguration.self, from: Array(body.utf8)) }
        #expect(obs.rules.first?.applyServerSideEncryptionByDefault.sseAlgorithm == "aws:kms")
        let s3 = try S3XML.decode(ServerSideEncryptionConfiguration.self, from: Array(body.utf8))
        #expect(s3.rules.first?.applyServerSideEncryptionByDefault.sseAlgorithm == "kms")
    }
}
