import Foundation
import LabelFormats
import Testing

/// Whatever the bytes, a parser returns or throws a `FormatError`: it never crashes (the module is meant to be fuzzed).
struct RobustnessTests {
    /// Runs every parser on `bytes`; only `FormatError` may escape.
    private func parseEverything(_ bytes: [UInt8]) {
        func check(_ body: () throws -> Void) {
            do {
                try body()
            } catch is FormatError {
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
        check { _ = try PascalVOC.parse(bytes) }
        check { _ = try ImageClassificationSidecar.parse(bytes) }
        check { _ = try Manifest.parse(bytes) }
        check { _ = try TextClassification().parseCombined(bytes) }
        check { _ = try TextClassification().parsePair(text: bytes, result: bytes.reversed()) }
    }

    @Test func everyPrefixOfEveryExample() {
        let examples = [
            ModelArtsExamples.detectionVOC, ModelArtsExamples.shapesVOC, ModelArtsExamples.imageClassificationManifest,
            ModelArtsExamples.combinedText,
        ]
        for example in examples {
            let bytes = Array(example.utf8)
            for end in stride(from: 0, through: bytes.count, by: 7) {
                self.parseEverything(Array(bytes[..<end]))
            }
        }
    }

    @Test func randomMutationsOfTheExamples() {
        var generator = SeededGenerator(seed: 0x5EED_0007)
        let examples = [ModelArtsExamples.shapesVOC, ModelArtsExamples.videoManifest, ModelArtsExamples.pairText].map { Array($0.utf8) }
        let specials = Array("<>/&;\"'\n\t{}[],:#".utf8) + [0x00, 0xFF, 0xC3, 0xE9]
        for _ in 0..<300 {
            var bytes = examples.randomElement(using: &generator)!
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[index] = specials.randomElement(using: &generator)!
                case 1: bytes.remove(at: index)
                default: bytes.insert(UInt8.random(in: 0...255, using: &generator), at: index)
                }
            }
            self.parseEverything(bytes)
        }
    }

    @Test func randomBytes() {
        var generator = SeededGenerator(seed: 0x5EED_0008)
        for _ in 0..<200 {
            self.parseEverything((0..<Int.random(in: 0...300, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) })
        }
    }

    @Test func deeplyNestedXMLAndJSON() {
        self.parseEverything(Array((String(repeating: "<object>", count: 5000) + String(repeating: "</object>", count: 5000)).utf8))
        self.parseEverything(Array(("<annotation>" + String(repeating: "<a>", count: 5000) + "</annotation>").utf8))
        self.parseEverything(Array((#"{"source":"s","x":"# + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "}").utf8))
    }

    /// Entity expansion ("billion laughs") must not blow up memory or time.
    @Test func entityExpansion() {
        var doctype = "<!DOCTYPE annotation [<!ENTITY a0 \"ha\">"
        for level in 1...10 {
            doctype += "<!ENTITY a\(level) \"" + String(repeating: "&a\(level - 1);", count: 10) + "\">"
        }
        doctype += "]>"
        self.parseEverything(Array((doctype + "<annotation><object><name>&a10;</name></object></annotation>").utf8))
    }

    /// The module does no I/O: an external entity is not fetched, whatever it names.
    @Test func externalEntitiesAreNotResolved() throws {
        let xml = """
            <?xml version="1.0"?><!DOCTYPE annotation [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <annotation><object><name>a&xxe;</name><point><x>1</x><y>2</y></point></object></annotation>
            """
        do {
            let parsed = try PascalVOC.parse(Data(xml.utf8))
            #expect(parsed.annotations.allSatisfy { !$0.name.contains("root") })
        } catch {
            #expect(error.code == .notXML)
        }
    }

    @Test func xmlParsesConcurrently() async throws {
        let data = Data(ModelArtsExamples.shapesVOC.utf8)
        let expected = try PascalVOC.parse(data)
        try await withThrowingTaskGroup(of: ParsedLabels.self) { group in
            for _ in 0..<200 {
                group.addTask { try PascalVOC.parse(data) }
            }
            for try await parsed in group {
                #expect(parsed == expected)
            }
        }
    }
}
