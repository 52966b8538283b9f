import Foundation
import LabelFormats
import Testing

struct TextClassificationTests {
    let format = TextClassification()

    private func pair(_ text: String, _ result: String) throws -> ParsedText {
        try self.format.parsePair(text: Data(text.utf8), result: Data(result.utf8))
    }

    private func combined(_ text: String, _ format: TextClassification = TextClassification()) throws -> ParsedText {
        try format.parseCombined(Data(text.utf8))
    }

    // MARK: Pair form

    @Test func pairExample() throws {
        let parsed = try self.pair(ModelArtsExamples.pairText, ModelArtsExamples.pairResult)
        #expect(parsed.skipped.isEmpty)
        #expect(parsed.samples.map(\.line) == [1, 2, 3, 4])
        #expect(parsed.samples.map { $0.annotations.map(\.name) } == [["positive"], ["negative"], ["negative"], ["positive"]])
        #expect(parsed.samples[0].text == "It touches good and responds quickly. I don't know how it performs in the future.")
    }

    @Test func severalLabelsOnOneResultLine() throws {
        let parsed = try self.pair("great phone\nbad battery\n", "positive, phone ,positive\n,\n")
        #expect(parsed.samples.map { $0.annotations.map(\.name) } == [["positive", "phone"], []])
        #expect(parsed.skipped == [.line(1, "duplicate label 'positive'; skipped")])
    }

    @Test func fewerResultLinesLeaveTheRestUnlabeled() throws {
        let parsed = try self.pair("a\nb\nc\n", "x\n")
        #expect(parsed.samples.map { $0.annotations.map(\.name) } == [["x"], [], []])
        #expect(parsed.skipped.isEmpty)
    }

    @Test func extraResultLinesAreSkipped() throws {
        let parsed = try self.pair("a\n", "x\ny\n\nz")
        #expect(parsed.samples.count == 1)
        #expect(parsed.skipped.map(\.position) == ["result file, line 2", "result file, line 4"])
    }

    @Test func blankTextLinesKeepTheLineNumbersAligned() throws {
        let parsed = try self.pair("a\n\n  \nd\r\n", "x\ny\n\nw\r\n")
        #expect(parsed.samples.map(\.text) == ["a", "d"])
        #expect(parsed.samples.map(\.line) == [1, 4])
        #expect(parsed.samples.map { $0.annotations.map(\.name) } == [["x"], ["w"]])
        #expect(parsed.skipped == [.line(2, "blank text line with labels 'y'; skipped")])
    }

    @Test func textKeepsItsOwnSpacesAndTabs() throws {
        let parsed = try self.pair("  indented\tand tabbed  \n", "label\n")
        #expect(parsed.samples.first?.text == "  indented\tand tabbed  ")
    }

    @Test func nonUTF8TextOrResultIsFatal() {
        let latin1: [UInt8] = Array("caf".utf8) + [0xE9]
        let textError = #expect(throws: FormatError.self) { try self.format.parsePair(text: latin1, result: Data("x".utf8)) }
        #expect(textError?.code == .notUTF8)
        #expect(textError?.issue.position == "line 1, byte 4")
        #expect(textError?.issue.reason == "the file is neither UTF-8 nor GBK text")
        let resultError = #expect(throws: FormatError.self) { try self.format.parsePair(text: Data("x".utf8), result: latin1) }
        #expect(resultError?.code == .notUTF8)
        #expect(resultError?.issue.position == "result file, line 1, byte 4")
    }

    /// ModelArts accepts GBK text: "你好" (`C4 E3 BA C3`) labeled "好评" (`BA C3 C6 C0`).
    @Test func gbkText() throws {
        let text: [UInt8] = [0xC4, 0xE3, 0xBA, 0xC3, 0x0A]
        let result: [UInt8] = [0xBA, 0xC3, 0xC6, 0xC0, 0x0A]
        let pair = try self.format.parsePair(text: text, result: result)
        #expect(pair.samples == [TextSample(line: 1, text: "你好", annotations: [Annotation(name: "好评")])])
        let combined = try self.format.parseCombined(Array(text.dropLast()) + [0x09] + result)
        #expect(combined.samples == pair.samples)
    }

    // MARK: One-file form

    @Test func combinedExample() throws {
        let parsed = try self.combined(ModelArtsExamples.combinedText)
        #expect(parsed.skipped.isEmpty)
        #expect(parsed.samples.map { $0.annotations.map(\.name) } == [["positive"], ["positive"], ["negative"], ["positive"]])
        #expect(parsed.samples[2].text == "Why does my phone heat up if I charge it for a while? The volume button stuck after being pressed down.")
    }

    @Test func combinedSplitsAtTheLastSeparator() throws {
        let parsed = try self.combined("a\tb\tc\tpositive,sport\n")
        #expect(parsed.samples == [TextSample(line: 1, text: "a\tb\tc", annotations: [Annotation(name: "positive"), Annotation(name: "sport")])])
    }

    @Test func combinedLineWithoutSeparatorIsUnlabeledWithAnIssue() throws {
        let parsed = try self.combined("no separator here\nok\tx\n\n")
        #expect(parsed.samples.map(\.text) == ["no separator here", "ok"])
        #expect(parsed.samples[0].annotations.isEmpty)
        #expect(parsed.skipped.map(\.position) == ["line 1"])
    }

    @Test func combinedLabelsWithoutTextAreSkipped() throws {
        let parsed = try self.combined("\tpositive\nok\tx\n")
        #expect(parsed.samples.map(\.text) == ["ok"])
        #expect(parsed.samples.first?.line == 2)
        #expect(parsed.skipped == [.line(1, "labels without text; skipped")])
    }

    @Test func combinedWithOtherSeparators() throws {
        let format = TextClassification(separator: " ||| ", labelSeparator: ";")
        let parsed = try self.combined("tab\there ||| a;b\n", format)
        #expect(parsed.samples == [TextSample(line: 1, text: "tab\there", annotations: [Annotation(name: "a"), Annotation(name: "b")])])
        #expect(try self.combined("a,b\tx\n", format).samples.first?.annotations.isEmpty == true)
    }

    // MARK: Writing

    static let table: [[TextSample]] = [
        [],
        [TextSample(line: 1, text: "It touches good and responds quickly.", annotations: [Annotation(name: "positive")])],
        [
            TextSample(line: 1, text: "  spaced\ttabbed  ", annotations: [Annotation(name: "a"), Annotation(name: "猫 🐇")]),
            TextSample(line: 2, text: "unlabeled"),
            TextSample(line: 3, text: "\"quoted\", & <escaped>?", annotations: [Annotation(name: "x y")]),
        ],
    ]

    @Test(arguments: table)
    func writePairThenParse(_ samples: [TextSample]) throws {
        let (text, result) = try self.format.writePair(samples)
        let parsed = try self.format.parsePair(text: text, result: result)
        #expect(parsed.samples == samples)
        #expect(parsed.skipped.isEmpty)
    }

    @Test(arguments: table)
    func writeCombinedThenParse(_ samples: [TextSample]) throws {
        let parsed = try self.format.parseCombined(try self.format.writeCombined(samples))
        #expect(parsed.samples == samples)
        #expect(parsed.skipped.isEmpty)
    }

    @Test func writeThenParseRandomSamples() throws {
        var random = RandomLabels(seed: 0x5EED_0003)
        for _ in 0..<200 {
            let samples = (0..<Int.random(in: 0...10, using: &random.generator)).map { index in
                TextSample(line: index + 1, text: random.name() + "\t" + random.name(), annotations: random.classification())
            }
            let (text, result) = try self.format.writePair(samples)
            #expect(try self.format.parsePair(text: text, result: result).samples == samples)
            #expect(try self.format.parseCombined(try self.format.writeCombined(samples)).samples == samples)
        }
    }

    @Test(arguments: [
        TextSample(line: 1, text: " "),
        TextSample(line: 1, text: "two\nlines"),
        TextSample(line: 1, text: "carriage\rreturn"),
        TextSample(line: 1, text: "ok", annotations: [Annotation(name: "a,b")]),
        TextSample(line: 1, text: "ok", annotations: [Annotation(name: "a\tb")]),
        TextSample(line: 1, text: "ok", annotations: [Annotation(name: " a")]),
    ])
    func unwritable(_ sample: TextSample) {
        #expect(throws: FormatError.self) { try self.format.writePair([sample]) }
        #expect(throws: FormatError.self) { try self.format.writeCombined([sample]) }
    }
}
