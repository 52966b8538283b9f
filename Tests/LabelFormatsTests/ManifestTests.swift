import Foundation
import LabelFormats
import Testing

struct ManifestTests {
    private func parse(_ text: String) throws -> ParsedManifest {
        try Manifest.parse(Data(text.utf8))
    }

    // MARK: ModelArts examples

    @Test func imageClassificationExample() throws {
        let parsed = try self.parse(ModelArtsExamples.imageClassificationManifest)
        #expect(parsed.skipped.isEmpty)
        let entry = try #require(parsed.entries.first)
        #expect(entry.source == "s3://path/to/image1.jpg")
        #expect(entry.usage == "TRAIN")
        #expect(entry.hard == true)
        #expect(entry.hardCoefficient == 0.8)
        #expect(entry.id == "0162005993f8065ef47eefb59d1e4970")
        #expect(entry.inferenceLoc == "/path/to/inference-output")
        #expect(entry.extra.isEmpty)
        #expect(
            entry.annotations == [
                ManifestAnnotation(
                    type: "modelarts/image_classification", name: "cat",
                    property: ["color": .string("white"), "kind": .string("Persian cat")],
                    annotatedBy: "human", creationTime: "2019-01-23 11:30:30", hard: true, hardCoefficient: 0.8
                ),
                ManifestAnnotation(
                    type: "modelarts/image_classification", name: "animal", annotatedBy: "modelarts/active-learning",
                    creationTime: "2019-01-23 11:30:30", confidence: 0.8
                ),
            ]
        )
        #expect(entry.annotations[0].annotation == Annotation(name: "cat", properties: ["color": "white", "kind": "Persian cat"]))
    }

    @Test func objectDetectionExample() throws {
        let entry = try #require(try self.parse(ModelArtsExamples.objectDetectionManifest).entries.first)
        let annotation = try #require(entry.annotations.first)
        #expect(DatasetKind(manifestType: annotation.type) == .objectDetection)
        #expect(annotation.annotationLoc == "s3://path/to/annotation1.xml")
        #expect(annotation.annotationFormat == "PASCAL VOC")
        #expect(annotation.name == nil)
        #expect(annotation.annotation == nil)
    }

    @Test func textClassificationExample() throws {
        let entry = try #require(try self.parse(ModelArtsExamples.textClassificationManifest).entries.first)
        #expect(entry.source == "content://I like this product ")
        #expect(entry.annotations.first?.name == " positive")
        #expect(entry.annotations.first?.annotation?.name == "positive", "the label name is trimmed")
        #expect(DatasetKind(manifestType: entry.annotations[0].type) == .textClassification)
    }

    @Test func soundClassificationExample() throws {
        let entry = try #require(try self.parse(ModelArtsExamples.soundClassificationManifest).entries.first)
        #expect(entry.source == "s3://path/to/pets.wav")
        #expect(DatasetKind(manifestType: entry.annotations[0].type) == .soundClassification)
        #expect(entry.annotations[0].annotation == Annotation(name: "cat"))
    }

    @Test func numbersInPropertiesStayNumbers() throws {
        let entry = try #require(try self.parse(ModelArtsExamples.namedEntityManifest).entries.first)
        #expect(
            entry.annotations.map(\.property) == [
                ["@modelarts:start_index": .number(0), "@modelarts:end_index": .number(14)],
                ["@modelarts:start_index": .number(34), "@modelarts:end_index": .number(44)],
            ])
        #expect(entry.annotations[0].annotation?.properties == ["@modelarts:start_index": "0", "@modelarts:end_index": "14"])
        let written = String(decoding: try Manifest.write([entry]), as: UTF8.self)
        #expect(written.contains(#""@modelarts:end_index":14"#))
    }

    @Test func unknownMembersAreKeptAndWrittenBack() throws {
        let parsed = try self.parse(ModelArtsExamples.segmentationManifest + "\n" + ModelArtsExamples.videoManifest)
        #expect(parsed.skipped.isEmpty)
        #expect(parsed.entries.map { $0.extra["sample-type"] } == [.number(0), .number(0)])
        let video = parsed.entries[1]
        #expect(
            video.extra["property"]
                == .object([
                    "@modelarts:parent_duration": .number(8), "@modelarts:parent_source": .string("s3://path/to/annotation1.mp4"),
                    "@modelarts:time_in_video": .number(1.473722),
                ])
        )
        #expect(try Manifest.parse(try Manifest.write(parsed.entries)).entries == parsed.entries)
    }

    @Test func annotatedByWithAnUnderscoreAndBooleanHard() throws {
        let line = """
            {"source":"obs://b/a.jpg","hard":false,"annotation":[{"type":"modelarts/image_classification","name":"a",\
            "annotated_by":"human","hard":1}]}
            """
        let entry = try #require(try self.parse(line).entries.first)
        #expect(entry.hard == false)
        #expect(entry.annotations.first?.annotatedBy == "human")
        #expect(entry.annotations.first?.hard == true)
        let written = String(decoding: try Manifest.write([entry]), as: UTF8.self)
        #expect(written.contains(#""annotated-by":"human""#))
        #expect(written.hasPrefix(#"{"source":"obs://b/a.jpg","hard":"false","annotation":["#))
    }

    // MARK: Bad lines

    @Test func badLinesAreSkippedWithTheirNumbers() throws {
        let text = [
            #"{"source":"obs://b/1.jpg"}"#,
            "not json",
            #"["source","obs://b/2.jpg"]"#,
            "",
            #"{"usage":"TRAIN"}"#,
            #"{"source":42}"#,
            #"{"source":"obs://b/3.jpg","annotation":[{"type":"modelarts/image_classification","name":"a"}"#,
            #"{"source":"obs://b/4.jpg"} trailing"#,
            #"{"source":"obs://b/5.jpg"}"#,
        ].joined(separator: "\n")
        let parsed = try self.parse(text)
        #expect(parsed.entries.map(\.source) == ["obs://b/1.jpg", "42", "obs://b/5.jpg"])
        #expect(parsed.skipped.map(\.position) == ["line 2", "line 3", "line 5", "line 7", "line 8"])
    }

    @Test func badMembersAreIgnoredWithAnIssue() throws {
        let line = """
            {"source":"obs://b/1.jpg","usage":["TRAIN"],"hard":"maybe","hard-coefficient":"high","annotation":[\
            {"type":"modelarts/image_classification","name":"a","property":"red"},{"name":"no type"},"text",\
            {"type":"modelarts/image_classification","name":"b","confidence":"0.5"}]}
            """
        let parsed = try self.parse(line)
        let entry = try #require(parsed.entries.first)
        #expect(entry.usage == nil)
        #expect(entry.hard == nil)
        #expect(entry.annotations.map(\.name) == ["a", "b"])
        #expect(entry.annotations[1].confidence == 0.5)
        #expect(
            parsed.skipped.map(\.position) == [
                "line 1, usage", "line 1, hard", "line 1, hard-coefficient", "line 1, annotation[1], property",
                "line 1, annotation[2]", "line 1, annotation[3]",
            ]
        )
    }

    @Test func annotationThatIsNotAListIsIgnored() throws {
        let parsed = try self.parse(#"{"source":"obs://b/1.jpg","annotation":{"name":"a"}}"#)
        #expect(parsed.entries.first?.annotations == [])
        #expect(parsed.skipped.map(\.position) == ["line 1, annotation"])
    }

    @Test func prettyPrintedObjectIsNotJSONLines() throws {
        let parsed = try self.parse("{\n\"source\": \"obs://b/1.jpg\"\n}\n")
        #expect(parsed.entries.isEmpty)
        #expect(parsed.skipped.map(\.position) == ["line 1", "line 2", "line 3"])
    }

    @Test func nonUTF8IsFatal() {
        let bytes: [UInt8] = Array(#"{"source":"obs://b/caf"#.utf8) + [0xE9] + Array(#".jpg"}"#.utf8)
        let error = #expect(throws: FormatError.self) { try Manifest.parse(bytes) }
        #expect(error?.code == .notUTF8)
    }

    @Test func crlfAndByteOrderMark() throws {
        let parsed = try self.parse("\u{FEFF}" + #"{"source":"obs://b/1.jpg"}"# + "\r\n" + #"{"source":"obs://b/2.jpg"}"# + "\r\n")
        #expect(parsed.entries.map(\.source) == ["obs://b/1.jpg", "obs://b/2.jpg"])
        #expect(parsed.skipped.isEmpty)
    }

    // MARK: Writing

    static let table: [[ManifestEntry]] = [
        [],
        [ManifestEntry(source: "obs://bucket/a b/猫.jpg")],
        [
            ManifestEntry(
                source: "obs://bucket/img/1.jpg", usage: "TRAIN", id: "abc", hard: true, hardCoefficient: 0.8, inferenceLoc: "obs://out/",
                extra: ["sample-type": .number(0), "nested": .array([.null, .bool(true), .string("q\"\\\n\u{1}"), .number(-1.5e-7)])]
            ),
            ManifestEntry(
                source: "obs://bucket/img/2.jpg",
                annotations: [
                    ManifestAnnotation(
                        type: "modelarts/object_detection", annotatedBy: "human", creationTime: "2019-01-23 11:30:30",
                        annotationLoc: "obs://bucket/img/2.xml", annotationFormat: "PASCAL VOC"
                    ),
                    ManifestAnnotation(Annotation(name: "cat", properties: ["@modelarts:color": "#3399FF"]), kind: .imageClassification),
                ]
            ),
        ],
    ]

    @Test(arguments: table)
    func writeThenParse(_ entries: [ManifestEntry]) throws {
        let data = try Manifest.write(entries)
        let parsed = try Manifest.parse(data)
        #expect(parsed.entries == entries)
        #expect(parsed.skipped.isEmpty)
        #expect(String(decoding: data, as: UTF8.self).split(separator: "\n").count == entries.count)
    }

    @Test func writeThenParseRandomEntries() throws {
        var random = RandomLabels(seed: 0x5EED_0004)
        var entries: [ManifestEntry] = []
        for index in 0..<300 {
            let kind = DatasetKind.allCases.randomElement(using: &random.generator)!
            var entry = ManifestEntry(source: "obs://bucket/\(random.name())/\(index).jpg")
            entry.usage = ["TRAIN", "EVAL", nil].randomElement(using: &random.generator)!
            entry.hard = random.flag()
            entry.hardCoefficient = Bool.random(using: &random.generator) ? random.coordinate() / 5000 : nil
            entry.annotations = random.classification().map {
                var annotation = $0
                annotation.properties[Annotation.colorProperty] = "#00FF00"
                return ManifestAnnotation(annotation, kind: kind, creationTime: "2024-01-01 00:00:00")
            }
            entries.append(entry)
        }
        let parsed = try Manifest.parse(try Manifest.write(entries))
        #expect(parsed.entries == entries)
        #expect(parsed.entries.flatMap(\.annotations).compactMap(\.annotation) == entries.flatMap(\.annotations).compactMap(\.annotation))
    }

    @Test func emptySourceOrTypeCannotBeWritten() {
        #expect(throws: FormatError.self) { try Manifest.write([ManifestEntry(source: "")]) }
        #expect(throws: FormatError.self) {
            try Manifest.write([ManifestEntry(source: "obs://b/1.jpg", annotations: [ManifestAnnotation(type: "", name: "a")])])
        }
    }

    @Test func nonFiniteNumbersCannotBeWritten() {
        let error = #expect(throws: FormatError.self) {
            try Manifest.write([ManifestEntry(source: "obs://b/1.jpg"), ManifestEntry(source: "obs://b/2.jpg", hardCoefficient: .infinity)])
        }
        #expect(error?.code == .notRepresentable)
        #expect(error?.issue.position == "entry[2]")
    }
}
