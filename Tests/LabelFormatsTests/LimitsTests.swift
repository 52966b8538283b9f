import Foundation
import LabelFormats
import Testing

/// Label files nested or sized to exhaust a parser are refused with a `FormatError` naming the limit: a VOC file nested
/// 100,000 deep used to crash the server at every sync of its dataset.
struct LimitsTests {
    static func nested(_ depth: Int, root: String = "annotation", inner: String = "object") -> [UInt8] {
        Array(("<\(root)>" + String(repeating: "<\(inner)>", count: depth) + String(repeating: "</\(inner)>", count: depth) + "</\(root)>").utf8)
    }

    @Test func aVOCFileNested100000DeepIsTooComplex() {
        let error = #expect(throws: FormatError.self) { try PascalVOC.parse(Self.nested(100_000)) }
        #expect(error?.code == .tooComplex)
        #expect(error?.issue.reason == "elements nested deeper than 32 levels")
    }

    @Test func aVOCFileJustWithinTheDepthParses() throws {
        // annotation/object/properties/… : 32 levels, of which the parser ignores the unknown ones.
        let inner = String(repeating: "<p>", count: 29) + String(repeating: "</p>", count: 29)
        let body =
            "<annotation><object><name>cat</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>2</xmax><ymax>2</ymax></bndbox>"
            + "<extra>\(inner)</extra></object></annotation>"
        #expect(try PascalVOC.parse(Array(body.utf8)).annotations.map(\.name) == ["cat"])
        #expect(throws: FormatError.self) { try PascalVOC.parse(Self.nested(32)) }
    }

    @Test func aVOCFileWithTooManyElementsIsTooComplex() {
        let body = Array(("<annotation>" + String(repeating: "<x/>", count: 200_001) + "</annotation>").utf8)
        let error = #expect(throws: FormatError.self) { try PascalVOC.parse(body) }
        #expect(error?.code == .tooComplex)
    }

    /// Entity expansion ("billion laughs"): libxml2's own amplification limits stop it, and the file is not XML.
    @Test func entityExpansionIsRefused() {
        var declarations = #"<!ENTITY a "aaaaaaaaaa">"#
        for index in 1...9 {
            let previous = Character(UnicodeScalar(96 + index)!)
            let name = Character(UnicodeScalar(97 + index)!)
            declarations += "<!ENTITY \(name) \"\(String(repeating: "&\(previous);", count: 10))\">"
        }
        let body =
            Array(#"<?xml version="1.0"?><!DOCTYPE annotation ["#.utf8) + Array(declarations.utf8)
            + Array("]><annotation><object><name>&j;</name></object></annotation>".utf8)
        #expect(throws: FormatError.self) { try PascalVOC.parse(body) }
    }

    @Test func aManifestLineNestedTooDeepIsSkippedAndTheOthersRead() throws {
        let good = #"{"source":"s3://b/1.jpg","annotation":[{"type":"modelarts/image_classification","name":"cat"}]}"#
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let parsed = try Manifest.parse(Array((good + "\n" + deep + "\n" + good + "\n").utf8))
        #expect(parsed.entries.count == 2)
        #expect(parsed.skipped == [.line(2, "JSON nested deeper than 32 levels; line skipped")])
    }

    @Test func nestingInsideStringsDoesNotCount() throws {
        let line = #"{"source":"s3://b/1.jpg","note":"\#(String(repeating: "[{", count: 100))\" ]"}"#
        #expect(try Manifest.parse(Array(line.utf8)).entries.count == 1)
    }

    @Test func aManifestEntryWithinTheDepthKeepsItsNestedProperties() throws {
        let nestedValue = String(repeating: "[", count: 20) + "1" + String(repeating: "]", count: 20)
        let line = #"{"source":"s3://b/1.jpg","annotation":[{"type":"t","name":"n","property":{"deep":\#(nestedValue)}}]}"#
        let entry = try #require(try Manifest.parse(Array(line.utf8)).entries.first)
        #expect(entry.annotations.first?.property["deep"] != nil)
    }
}
