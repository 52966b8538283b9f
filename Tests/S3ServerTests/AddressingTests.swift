import Testing

@testable import S3Server

@Suite struct AddressingTests {
    @Test(arguments: [
        ("photos.localhost:9000", "photos"),
        ("PHOTOS.localhost", "photos"),
        ("a.b.localhost:9000", "a.b"),
    ])
    func virtualHostedBucket(authority: String, bucket: String) {
        #expect(S3Request.bucket(fromHost: authority, domains: ["localhost"]) == bucket)
    }

    @Test(arguments: ["localhost:9000", "127.0.0.1:9000", "[::1]:9000", "example.com"])
    func pathStyleHosts(authority: String) {
        #expect(S3Request.bucket(fromHost: authority, domains: ["localhost"]) == nil)
    }

    @Test func queryDecoding() throws {
        let items = try S3Request.parseQuery("prefix=a%2Fb+c&versions&max-keys=2")
        #expect(items.map(\.name) == ["prefix", "versions", "max-keys"])
        #expect(items.map(\.value) == ["a/b c", "", "2"])
    }

    @Test func copySourceHeader() throws {
        let plain = try CopySource(header: "/src/dir/a%20b.txt")
        #expect(plain == CopySource(bucket: "src", key: "dir/a b.txt", versionId: nil))
        let versioned = try CopySource(header: "src/k?versionId=v1")
        #expect(versioned == CopySource(bucket: "src", key: "k", versionId: "v1"))
        #expect(throws: S3Error.self) { try CopySource(header: "only-a-bucket") }
    }

    /// SQLite cuts bound text at a NUL: `a%00x` would have been stored, read and deleted as `a`.
    @Test func aNulInAKeyCopySourceOrQueryIsInvalidArgument() {
        #expect(throws: S3Error.self) { try S3Request.checkKey("a\u{0}x", argument: "key") }
        let copy = #expect(throws: S3Error.self) { try CopySource(header: "/src/a%00x") }
        #expect(copy?.code == "InvalidArgument")
        let query = #expect(throws: S3Error.self) { try S3Request.parseQuery("prefix=a%00x") }
        #expect(query?.code == "InvalidArgument")
        #expect(throws: Never.self) { try S3Request.checkKey("a\u{1}x é/../", argument: "key") }
    }
}
