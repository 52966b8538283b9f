import Testing

@testable import S3Server

/// Tag sets as each dialect documents their limits, from a `Tagging` body or an `x-amz-tagging` header.
struct TagRulesTests {
    @Test func headerIsAURLEncodedQuery() throws {
        let tags = try TagRules(for: .object, dialect: .s3).tags(ofHeader: "team=vision&note=a%20b+c&flag&empty=")
        #expect(tags == ["team": "vision", "note": "a b c", "flag": "", "empty": ""])
    }

    @Test(arguments: ["a=1&a=2", "a=%ZZ"])
    func malformedOrDuplicateHeaderIsInvalidArgument(header: String) {
        #expect(Self.code { try TagRules(for: .object, dialect: .s3).tags(ofHeader: header) } == "InvalidArgument")
    }

    @Test func limitsDependOnDialectAndTarget() {
        let eleven = (0..<11).map { "k\($0)=v" }.joined(separator: "&")
        #expect(Self.code { try TagRules(for: .object, dialect: .s3).tags(ofHeader: eleven) } == "InvalidTag")
        #expect(Self.code { try TagRules(for: .object, dialect: .obs).tags(ofHeader: eleven) } == "BadRequest")
        #expect(Self.code { try TagRules(for: .bucket, dialect: .s3).tags(ofHeader: eleven) } == nil)
        let key37 = String(repeating: "k", count: 37) + "=v"
        #expect(Self.code { try TagRules(for: .object, dialect: .s3).tags(ofHeader: key37) } == nil)
        #expect(Self.code { try TagRules(for: .object, dialect: .obs).tags(ofHeader: key37) } == "InvalidTag")
    }

    @Test(arguments: [("a%2Fb=v", true, false), ("a%3Cb=v", false, false), ("%20lead=v", true, false), ("k=caf%C3%A9", true, true)])
    func charactersFollowTheDialect(header: String, s3Accepts: Bool, obsAccepts: Bool) {
        #expect((Self.code { try TagRules(for: .object, dialect: .s3).tags(ofHeader: header) } == nil) == s3Accepts)
        #expect((Self.code { try TagRules(for: .object, dialect: .obs).tags(ofHeader: header) } == nil) == obsAccepts)
    }

    @Test func systemTagsAreRefusedOnBuckets() {
        #expect(Self.code { try TagRules(for: .bucket, dialect: .s3).tags(ofHeader: "aws%3Aname=v") } == "InvalidTag")
        #expect(Self.code { try TagRules(for: .object, dialect: .s3).tags(ofHeader: "aws%3Aname=v") } == nil)
    }

    /// The S3 error code thrown, or nil when the tags are accepted.
    private static func code(_ body: () throws -> [String: String]) -> String? {
        do {
            _ = try body()
            return nil
        } catch let error as S3Error {
            return error.code
        } catch {
            return "\(error)"
        }
    }
}
