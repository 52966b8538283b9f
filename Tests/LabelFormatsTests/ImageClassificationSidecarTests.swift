import Foundation
import LabelFormats
import Testing

struct ImageClassificationSidecarTests {
    private func parse(_ text: String) throws -> ParsedLabels {
        try ImageClassificationSidecar.parse(Data(text.utf8))
    }

    @Test func singleLabelFromTheModelArtsExample() throws {
        let parsed = try self.parse("Rabbit")
        #expect(parsed.annotations == [Annotation(name: "Rabbit")])
        #expect(parsed.skipped.isEmpty)
        #expect(parsed.imageSize == nil)
    }

    @Test func multipleLabelsFromTheModelArtsExample() throws {
        let parsed = try self.parse("Rabbit\nPanda\n")
        #expect(parsed.annotations.map(\.name) == ["Rabbit", "Panda"])
    }

    @Test func blankLinesSurroundingSpacesCRLFAndByteOrderMark() throws {
        let parsed = try self.parse("\u{FEFF}  Rabbit \r\n\r\n\t\n Giant panda\t\r\n")
        #expect(parsed.annotations.map(\.name) == ["Rabbit", "Giant panda"])
        #expect(parsed.skipped.isEmpty)
    }

    @Test func emptyFileHasNoLabels() throws {
        #expect(try self.parse("").annotations.isEmpty)
        #expect(try self.parse("\n \n").annotations.isEmpty)
    }

    @Test func duplicatesAreSkippedWithTheirLine() throws {
        let parsed = try self.parse("Rabbit\nPanda\n Rabbit\n")
        #expect(parsed.annotations.map(\.name) == ["Rabbit", "Panda"])
        #expect(parsed.skipped == [.line(3, "duplicate label 'Rabbit' (first on line 1)")])
    }

    @Test func unicodeAndSpecialCharacters() throws {
        let parsed = try self.parse("猫\nchat & chien <3\n🐇,🐼\n")
        #expect(parsed.annotations.map(\.name) == ["猫", "chat & chien <3", "🐇,🐼"])
    }

    @Test func nonUTF8IsFatalWithItsLine() {
        let bytes: [UInt8] = Array("Rabbit\nPanda\nCaf".utf8) + [0xE9] + Array("\n".utf8)
        let error = #expect(throws: FormatError.self) { try ImageClassificationSidecar.parse(bytes) }
        #expect(error?.code == .notUTF8)
        #expect(error?.issue.position == "line 3, byte 17")
    }

    @Test func binaryIsFatal() {
        let jpegHeader: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46]
        #expect(throws: FormatError.self) { try ImageClassificationSidecar.parse(jpegHeader) }
    }

    @Test(arguments: [[], ["Rabbit"], ["Rabbit", "Panda"], ["a & b", "猫", "🐇 🐼", "x,y"]])
    func writeThenParse(_ names: [String]) throws {
        let annotations = names.map { Annotation(name: $0) }
        let parsed = try ImageClassificationSidecar.parse(try ImageClassificationSidecar.write(annotations))
        #expect(parsed.annotations == annotations)
        #expect(parsed.skipped.isEmpty)
    }

    @Test func writeThenParseRandomLabels() throws {
        var random = RandomLabels(seed: 0x5EED_0002)
        for _ in 0..<500 {
            let annotations = random.classification(maximum: 8)
            let parsed = try ImageClassificationSidecar.parse(try ImageClassificationSidecar.write(annotations))
            #expect(parsed.annotations == annotations)
        }
    }

    @Test func writeKeepsNamesOnlyOnceEach() throws {
        let data = try ImageClassificationSidecar.write([Annotation(name: "a"), Annotation(name: "b"), Annotation(name: "a")])
        #expect(String(decoding: data, as: UTF8.self) == "a\nb\n")
    }

    /// Found by the image-classification fuzz target at 4.3 million runs: a byte order mark on a line of its own made a
    /// label that, written first, read back as the file's BOM and vanished.
    @Test func aByteOrderMarkInsideTheFileIsNoLabel() throws {
        let text = "\n\n\u{FEFF}\nt\n\u{FEFF}dog\n&\n"
        let parsed = try ImageClassificationSidecar.parse(Array(text.utf8))
        #expect(parsed.annotations.map(\.name) == ["t", "dog", "&"])
        let written = try ImageClassificationSidecar.write(parsed.annotations)
        #expect(try ImageClassificationSidecar.parse(written).annotations == parsed.annotations)
    }

    @Test(arguments: ["", " a", "a ", "a\nb", "a\rb", "a\u{2028}b", "a\u{0}b", "\u{FEFF}", "a\u{FEFF}b"])
    func unwritableNames(_ name: String) {
        let error = #expect(throws: FormatError.self) { try ImageClassificationSidecar.write([Annotation(name: name)]) }
        #expect(error?.code == .notRepresentable)
        #expect(error?.issue.position == "annotation[1]")
    }
}
