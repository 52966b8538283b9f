import Foundation
import Testing
import XMLStream

/// XMLStream reads with libxml2 directly: well-formed documents give their events, anything else an error with a
/// position, and no input crashes it (Foundation's XMLParser crashed on the fuzzer's inputs below).
struct XMLStreamTests {
    private func events(_ text: String) throws -> [XMLEvent.Kind] {
        var kinds: [XMLEvent.Kind] = []
        try XMLStream.read(Array(text.utf8)) { event in
            kinds.append(event.kind)
            return .proceed
        }
        return kinds
    }

    @Test func elementsTextAndEmptyElementsInOrder() throws {
        let kinds = try self.events(#"<?xml version="1.0"?><a><s3:b xmlns:s3="urn:x">x &amp; y</s3:b><c/><!-- no --><d><![CDATA[<z>]]></d></a>"#)
        #expect(
            kinds == [
                .start(name: "a", localName: "a"),
                .start(name: "s3:b", localName: "b"), .text("x & y"), .end,
                .start(name: "c", localName: "c"), .end,
                .start(name: "d", localName: "d"), .text("<z>"), .end,
                .end,
            ])
    }

    @Test func stoppingEndsTheReadWithoutError() throws {
        var seen = 0
        try XMLStream.read(Array("<a><b/><b/><b/></a>".utf8)) { event in
            guard case .start = event.kind else { return .proceed }
            seen += 1
            return seen == 2 ? .stop : .proceed
        }
        #expect(seen == 2)
    }

    @Test(arguments: [
        ("mismatched tags", "<a><b></a>", 1),
        ("truncated", "<a>\n<b>", 2),
        ("two roots", "<a/><b/>", 1),
        ("not XML", "Rabbit\nPanda\n", 1),
        ("empty", "", 1),
        ("undeclared entity", "<a>&x;</a>", 1),
    ])
    func malformedDocumentsAreErrorsWithTheirLine(_ name: String, _ text: String, _ line: Int) {
        let error = #expect(throws: XMLStreamError.self, "\(name)") { try self.events(text) }
        #expect(error?.line == line, "\(name): \(error?.description ?? "")")
        #expect(error?.reason.isEmpty == false, "\(name)")
    }

    @Test func documentTypesAreRefusedBeforeAnyEntityIsExpanded() {
        let xml = #"<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>"#
        let error = #expect(throws: XMLStreamError.self) { try self.events(xml) }
        #expect(error?.reason == "document type declarations are not accepted")
    }

    /// Found by fuzzing the PASCAL VOC parser: Foundation's XMLParser dereferences NULL on this document (SIGSEGV).
    @Test func theDocumentThatCrashedFoundationIsAnError() throws {
        let crash = try #require(
            Data(
                base64Encoded: """
                    PD94Pz48YW5ub3RhdGlvbj48c2l6ZT48d2lkdGg+NzA8L3dpZHRoPjw8eDFyPiNmZjAwMDA8cmQ8MTxpZHRoPjw8eDFyPiNmZjAwMDA8cnRpZXM+PGhyL2Q8PDFh\
                    aGFyZD48LzAwMDxydGllcz48aHIvZDw8MWFoYXJkPjwvb2JqZWN0PjwvYW5ub3RhdGlvbj4=
                    """))
        #expect(throws: XMLStreamError.self) { try XMLStream.read(crash) { _ in .proceed } }
    }

    private func nested(_ depth: Int) -> [UInt8] {
        Array((String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)).utf8)
    }

    /// libxml2 stops at 256 levels by itself; callers keep their own, lower limits.
    @Test func nestingIsReadTo256LevelsAndRefusedBeyond() throws {
        var deepest = 0
        var current = 0
        try XMLStream.read(self.nested(200)) { event in
            switch event.kind {
            case .start:
                current += 1
                deepest = max(deepest, current)
            case .end: current -= 1
            case .text: break
            }
            return .proceed
        }
        #expect(deepest == 200)
        #expect(throws: XMLStreamError.self) { try XMLStream.read(self.nested(100_000)) { _ in .proceed } }
    }

    @Test func readsConcurrently() async throws {
        let document = Array("<a><b>1</b><b>2</b></a>".utf8)
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<100 {
                group.addTask {
                    var texts = 0
                    try XMLStream.read(document) { event in
                        if case .text = event.kind { texts += 1 }
                        return .proceed
                    }
                    return texts
                }
            }
            for try await texts in group { #expect(texts == 2) }
        }
    }
}
