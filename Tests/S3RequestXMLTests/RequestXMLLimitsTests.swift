import S3Documents
import S3RequestXML
import Testing

/// Request documents are measured before they are decoded: nothing deep, wide or long reaches the recursive decoder.
struct RequestXMLLimitsTests {
    static func nested(_ depth: Int, root: String = "Delete") -> [UInt8] {
        Array(("<\(root)>" + String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth) + "</\(root)>").utf8)
    }

    static func deleting(_ count: Int) -> [UInt8] {
        Array(("<Delete>" + String(repeating: "<Object><Key>k</Key></Object>", count: count) + "</Delete>").utf8)
    }

    func failure<T: RequestDocument>(_ type: T.Type, _ body: [UInt8]) -> RequestXMLError? {
        do {
            _ = try RequestXML.decode(type, from: body)
            return nil
        } catch {
            return error
        }
    }

    /// The body that crashed the server through the decoder's recursion: 40,000 elements deep, 720 KB.
    @Test func aDeeplyNestedDeleteIsMalformedNotACrash() {
        let body = Self.nested(40_000)
        #expect(body.count > 280_000)
        let error = failure(Delete.self, body)
        #expect(error?.kind == .malformed)
        #expect(error?.reason == "elements nested deeper than 10")
    }

    @Test func everyDocumentTypeIsMeasured() {
        #expect(failure(CompleteMultipartUpload.self, Self.nested(200, root: "CompleteMultipartUpload"))?.kind == .malformed)
        #expect(failure(ServerSideEncryptionConfiguration.self, Self.nested(200, root: "ServerSideEncryptionConfiguration"))?.kind == .malformed)
        #expect(failure(VersioningConfiguration.self, Self.nested(200, root: "VersioningConfiguration"))?.kind == .malformed)
        #expect(failure(CreateBucketConfiguration.self, Self.nested(200, root: "CreateBucketConfiguration"))?.kind == .malformed)
    }

    @Test func nestingUpToTheLimitDecodes() throws {
        // <Delete><Object><Key>…: depth 3, plus unknown elements down to depth 10, which the decoder ignores.
        let body = "<Delete><Object><Key>k</Key><x><x><x><x><x><x><x></x></x></x></x></x></x></x></Object></Delete>"
        #expect(try RequestXML.decode(Delete.self, from: Array(body.utf8)).objects == [Delete.Object(key: "k")])
    }

    @Test func aThousandObjectsAreFineAndOneMoreIsMalformed() throws {
        #expect(try RequestXML.decode(Delete.self, from: Self.deleting(1000)).objects.count == 1000)
        let error = failure(Delete.self, Self.deleting(1001))
        #expect(error == RequestXMLError(.malformed, "more than 1000 Object elements"))
    }

    /// 100,000 objects are refused by the streaming pass, without building a tree of them.
    @Test func aHundredThousandObjectsAreRefusedByTheirSize() {
        let body = Self.deleting(100_000)
        #expect(failure(Delete.self, body)?.kind == .tooLarge)
    }

    @Test func tooManyElementsAreMalformed() {
        let body = Array(("<Delete><Object><Key>k</Key>" + String(repeating: "<e/>", count: 10_001) + "</Object></Delete>").utf8)
        #expect(failure(Delete.self, body) == RequestXMLError(.malformed, "more than 10000 elements"))
    }

    @Test func aConfigurationOverItsSizeIsTooLarge() {
        let body = Array(("<VersioningConfiguration><Status>" + String(repeating: "E", count: 70_000) + "</Status></VersioningConfiguration>").utf8)
        #expect(failure(VersioningConfiguration.self, body)?.kind == .tooLarge)
    }

    @Test func tenThousandPartsAreFine() throws {
        let parts = (1...10_000).map { "<Part><PartNumber>\($0)</PartNumber><ETag>\"0123456789abcdef0123456789abcdef\"</ETag></Part>" }
        let body = Array(("<CompleteMultipartUpload>" + parts.joined() + "</CompleteMultipartUpload>").utf8)
        #expect(try RequestXML.decode(CompleteMultipartUpload.self, from: body).parts.count == 10_000)
    }

    /// Found by the fuzzer: invalid UTF-8 inside an element name crashed FoundationXML (and so the server) before this check.
    @Test func invalidUTF8InAnElementNameIsMalformedNotACrash() {
        let body: [UInt8] =
            Array("<CompleteMultipartUpload><Part><ETagC32></Part><Part".utf8) + [0xC9, 0xC3]
            + Array("PartNumber>2</PartNum".utf8) + [0x01, 0x00, 0x00, 0x00] + Array("<ETag>e</ETag></Part></CompleteMultipartUpload>".utf8)
        #expect(failure(CompleteMultipartUpload.self, body) == RequestXMLError(.malformed, "the body is not UTF-8"))
        let latin1 = Array(#"<?xml version="1.0" encoding="ISO-8859-1"?><Delete><Object><Key>k</Key></Object></Delete>"#.utf8)
        #expect(failure(Delete.self, latin1)?.kind == .malformed)
    }

    /// Found by the fuzzer (10 million runs): a processing instruction without data made FoundationXML call `strlen` on
    /// NULL under XMLCoder, killing the server on one S3 request.
    @Test func aProcessingInstructionIsMalformedNotACrash() throws {
        let body = Array(#"<?xServerSideEncryptionConfiguration?><Delete><Object><Key>a&amp;b</Key></Object></Delete>"#.utf8)
        #expect(
            failure(Delete.self, body) == RequestXMLError(.malformed, "not well-formed (line 1, column 1: processing instructions are not accepted)"))
        let inside = Array("<Delete><Object><?pi?><Key>k</Key></Object></Delete>".utf8)
        #expect(failure(Delete.self, inside)?.kind == .malformed)
        let declared = Array(#"<?xml version="1.0" encoding="UTF-8"?><Delete><Object><Key>k</Key></Object></Delete>"#.utf8)
        #expect(try RequestXML.decode(Delete.self, from: declared).objects.count == 1)
    }

    @Test(arguments: [
        "<Delete><Object><Key>k</Key></Object>",
        "<Delete><Object><Key>k</Object></Key></Delete>",
        "<Delete></Other>",
        "<Delete>\u{1}</Delete>",
        "<?xml version=\"1.0\"?><!DOCTYPE Delete [<!ENTITY a \"aaaa\">]><Delete><Object><Key>&a;</Key></Object></Delete>",
        "<Delete><Object><Key>&undefined;</Key></Object></Delete>",
        "<!-- unterminated",
        "<?xml",
        "",
    ])
    func malformedBodiesAreMalformed(_ body: String) {
        #expect(failure(Delete.self, Array(body.utf8))?.kind == .malformed)
    }
}
