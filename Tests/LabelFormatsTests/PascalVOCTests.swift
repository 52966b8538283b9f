import Foundation
import LabelFormats
import Testing

struct PascalVOCTests {
    private func parse(_ xml: String) throws -> ParsedLabels {
        try PascalVOC.parse(Data(xml.utf8))
    }

    /// One object inside a minimal document.
    private func object(_ body: String) -> String {
        "<annotation><object>\(body)</object></annotation>"
    }

    // MARK: ModelArts examples

    @Test func detectionExample() throws {
        let parsed = try self.parse(ModelArtsExamples.detectionVOC)
        #expect(parsed.skipped.isEmpty)
        #expect(parsed.imageSize == ImageSize(width: 554, height: 606, depth: 3))
        #expect(
            parsed.annotations == [
                Annotation(
                    name: "Rabbit", shape: .boundingBox(xmin: 279, ymin: 52, xmax: 474, ymax: 278),
                    pose: "Unspecified", truncated: false, occluded: false, difficult: false
                ),
                Annotation(
                    name: "Cat", shape: .boundingBox(xmin: 279, ymin: 198, xmax: 456, ymax: 421),
                    pose: "Unspecified", truncated: false, occluded: false, difficult: false
                ),
            ]
        )
    }

    @Test func segmentationExample() throws {
        let parsed = try self.parse(ModelArtsExamples.segmentationVOC)
        #expect(parsed.skipped.isEmpty)
        #expect(parsed.imageSize == ImageSize(width: 230, height: 300, depth: 3))
        let bike = try #require(parsed.annotations.first)
        #expect(parsed.annotations.count == 1)
        #expect(bike.name == "bike")
        #expect(bike.properties == ["mask_color": "193,243,53"])
        let points = [(71, 48), (75, 73), (49, 69), (68, 92), (90, 101), (45, 110), (71, 48)].map { Point(x: Double($0), y: Double($1)) }
        #expect(bike.shape == .polygon(points))
    }

    @Test func everyShapeExample() throws {
        let parsed = try self.parse(ModelArtsExamples.shapesVOC)
        #expect(parsed.skipped.isEmpty)
        #expect(parsed.imageSize == ImageSize(width: 767, height: 959, depth: 3))
        #expect(parsed.annotations.map(\.name) == ["point", "line", "bag", "boots", "circle"])
        #expect(
            parsed.annotations.map(\.shape) == [
                .point(Point(x: 456, y: 596)),
                .line([Point(x: 133, y: 651), Point(x: 229, y: 561)]),
                .boundingBox(xmin: 108, ymin: 101, xmax: 251, ymax: 238),
                .polygon([Point(x: 373, y: 264), Point(x: 500, y: 198), Point(x: 437, y: 76), Point(x: 310, y: 142)]),
                .circle(center: Point(x: 405, y: 170), radius: 100),
            ]
        )
        #expect(parsed.annotations[3].properties == ["@modelarts:hard_coefficient": "0.8"])
    }

    /// The guide's own example writes `<r>100<r>`: that is not XML, and we say so rather than guess.
    @Test func verbatimExampleWithUnclosedRadiusIsNotXML() {
        #expect {
            try self.parse(ModelArtsExamples.shapesVOCVerbatim)
        } throws: { error in
            (error as? FormatError)?.code == .notXML
        }
    }

    // MARK: Malformed files

    @Test(arguments: [
        ("not XML at all", "Rabbit\nPanda\n"),
        ("truncated", String(ModelArtsExamples.detectionVOC.prefix(400))),
        ("mismatched tags", "<annotation><object><name>a</object></annotation>"),
        ("two roots", "<annotation/><annotation/>"),
        ("empty", ""),
        ("white space only", "  \n "),
        ("JSON", #"{"annotation": []}"#),
    ])
    func notXML(_ name: String, _ text: String) {
        let error = #expect(throws: FormatError.self) { try self.parse(text) }
        #expect(error?.code == .notXML, "\(name)")
        #expect(error?.issue.position.hasPrefix("line ") == true, "\(name)")
    }

    @Test func truncatedFileReportsTheLineWhereItStops() throws {
        let lines = ModelArtsExamples.detectionVOC.split(separator: "\n", omittingEmptySubsequences: false)
        let truncated = lines.prefix(20).joined(separator: "\n")
        let error = #expect(throws: FormatError.self) { try self.parse(truncated) }
        #expect(error?.code == .notXML)
        #expect(error?.issue.position.hasPrefix("line 20") == true, "\(error?.issue.position ?? "")")
    }

    @Test func otherRootElementIsUnexpected() {
        let error = #expect(throws: FormatError.self) { try self.parse("<html><body/></html>") }
        #expect(error?.code == .unexpectedDocument)
        #expect(error?.issue.reason.contains("<html>") == true)
    }

    /// `<annotation><object><name>café</name>…` with the `é` in Latin-1, after `head`.
    private func latin1Document(head: String) -> [UInt8] {
        Array((head + "<annotation><object><name>caf").utf8) + [0xE9]
            + Array("</name><point><x>1</x><y>2</y></point></object></annotation>".utf8)
    }

    @Test func nonUTF8BytesAreNotUTF8() {
        let error = #expect(throws: FormatError.self) { try PascalVOC.parse(self.latin1Document(head: "")) }
        #expect(error?.code == .notUTF8)
    }

    @Test func declaredLatin1IsConverted() throws {
        let parsed = try PascalVOC.parse(self.latin1Document(head: #"<?xml version="1.0" encoding="ISO-8859-1"?>"#))
        #expect(parsed.annotations.map(\.name) == ["café"])
    }

    @Test func otherDeclaredEncodingsAreNotSupported() {
        let error = #expect(throws: FormatError.self) { try PascalVOC.parse(self.latin1Document(head: #"<?xml version="1.0" encoding="GBK"?>"#)) }
        #expect(error?.code == .notUTF8)
        #expect(error?.issue.reason.contains("'gbk'") == true)
    }

    /// An invalid byte right before a tag made FoundationXML crash before the encoding was checked up front.
    @Test func invalidByteBeforeATag() {
        let bytes = Array("<annotation><object><point><x1>456".utf8) + [0xCB] + Array("</x1></point></object></annotation>".utf8)
        let error = #expect(throws: FormatError.self) { try PascalVOC.parse(bytes) }
        #expect(error?.code == .notUTF8)
    }

    @Test func byteOrderMarkAndCDATA() throws {
        let xml = "\u{FEFF}" + object("<name><![CDATA[a<b]]></name><point><x>1</x><y>2</y></point>")
        let parsed = try self.parse(xml)
        #expect(parsed.annotations.map(\.name) == ["a<b"])
    }

    // MARK: Lenient cases

    @Test func missingSizePoseAndFlagsAreFine() throws {
        let parsed = try self.parse(object("<name>cat</name><bndbox><xmin>1</xmin><ymin>2</ymin><xmax>3</xmax><ymax>4</ymax></bndbox>"))
        #expect(parsed.skipped.isEmpty)
        #expect(parsed.imageSize == nil)
        #expect(parsed.annotations == [Annotation(name: "cat", shape: .boundingBox(xmin: 1, ymin: 2, xmax: 3, ymax: 4))])
    }

    @Test func floatCoordinatesAndSurroundingWhiteSpace() throws {
        let parsed = try self.parse(
            object("<name>\n   cat  \n</name><bndbox><xmin> 1.5 </xmin><ymin>2.25</ymin><xmax>3e2</xmax><ymax>400.0</ymax></bndbox>")
        )
        #expect(parsed.annotations == [Annotation(name: "cat", shape: .boundingBox(xmin: 1.5, ymin: 2.25, xmax: 300, ymax: 400))])
    }

    @Test func sizeWithoutDepthAndFloatSize() throws {
        let parsed = try self.parse("<annotation><size><width>640.0</width><height>480</height></size></annotation>")
        #expect(parsed.imageSize == ImageSize(width: 640, height: 480))
        #expect(parsed.annotations.isEmpty)
        #expect(parsed.skipped.isEmpty)
    }

    @Test(arguments: [
        ("<size><width>wide</width><height>480</height></size>", "annotation/size/width"),
        ("<size><width>640</width><height>-1</height></size>", "annotation/size/height"),
        ("<size><width>640.5</width><height>480</height></size>", "annotation/size/width"),
        ("<size><height>480</height></size>", "annotation/size"),
    ])
    func badSizeIsIgnoredWithAnIssue(_ size: String, _ position: String) throws {
        let parsed = try self.parse("<annotation>\(size)</annotation>")
        #expect(parsed.imageSize == nil)
        #expect(parsed.skipped.map(\.position) == [position])
    }

    /// Objects that are skipped, with the position of the issue.
    @Test(arguments: [
        ("<pose>Unspecified</pose><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>2</xmax><ymax>2</ymax></bndbox>", "annotation/object[2]"),
        ("<name>  </name><point><x>1</x><y>1</y></point>", "annotation/object[2]"),
        ("<name>cat</name><pose>Unspecified</pose>", "annotation/object[2]"),
        ("<name>cat</name><dashed><x1>1</x1><y1>1</y1></dashed>", "annotation/object[2]"),
        ("<name>cat</name><bndbox><xmin>300</xmin><ymin>1</ymin><xmax>200</xmax><ymax>2</ymax></bndbox>", "annotation/object[2]/bndbox"),
        ("<name>cat</name><bndbox><xmin>1</xmin><ymin>9</ymin><xmax>2</xmax><ymax>2</ymax></bndbox>", "annotation/object[2]/bndbox"),
        ("<name>cat</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>2</xmax></bndbox>", "annotation/object[2]/bndbox"),
        ("<name>cat</name><bndbox><xmin>1,5</xmin><ymin>1</ymin><xmax>2</xmax><ymax>2</ymax></bndbox>", "annotation/object[2]/bndbox"),
        ("<name>cat</name><bndbox><xmin>nan</xmin><ymin>1</ymin><xmax>2</xmax><ymax>2</ymax></bndbox>", "annotation/object[2]/bndbox"),
        ("<name>cat</name><bndbox><xmin>inf</xmin><ymin>1</ymin><xmax>2</xmax><ymax>2</ymax></bndbox>", "annotation/object[2]/bndbox"),
        ("<name>cat</name><bndbox><xmin></xmin><ymin>1</ymin><xmax>2</xmax><ymax>2</ymax></bndbox>", "annotation/object[2]/bndbox"),
        ("<name>cat</name><polygon><x1>1</x1><y1>1</y1><x2>2</x2><y2>2</y2></polygon>", "annotation/object[2]/polygon"),
        ("<name>cat</name><polygon><x1>1</x1><y1>1</y1><x2>2</x2><y2>2</y2><x3>3</x3></polygon>", "annotation/object[2]/polygon"),
        ("<name>cat</name><polygon><x1>1</x1><y1>1</y1><x2>2</x2><y2>2</y2><x3>3</x3><y3>z</y3></polygon>", "annotation/object[2]/polygon"),
        ("<name>cat</name><line><x1>1</x1><y1>1</y1></line>", "annotation/object[2]/line"),
        ("<name>cat</name><point><x>1</x></point>", "annotation/object[2]/point"),
        ("<name>cat</name><circle><cx>1</cx><cy>1</cy><r>-3</r></circle>", "annotation/object[2]/circle"),
        ("<name>cat</name><circle><cx>1</cx><cy>1</cy></circle>", "annotation/object[2]/circle"),
    ])
    func skippedObject(_ body: String, _ position: String) throws {
        let good = "<object><name>dog</name><point><x>5</x><y>6</y></point></object>"
        let xml = "<annotation>\(good)<object>\(body)</object>\(good)</annotation>"
        let parsed = try self.parse(xml)
        #expect(parsed.annotations.map(\.name) == ["dog", "dog"], "the objects around it survive")
        #expect(parsed.skipped.count == 1)
        #expect(parsed.skipped.first?.position == position, "\(parsed.skipped)")
    }

    @Test func polygonPointsFollowTheirNumbersNotTheDocumentOrder() throws {
        let parsed = try self.parse(object("<name>a</name><polygon><x3>3</x3><y3>30</y3><x1>1</x1><y1>10</y1><x2>2</x2><y2>20</y2></polygon>"))
        #expect(parsed.annotations.first?.shape == .polygon([Point(x: 1, y: 10), Point(x: 2, y: 20), Point(x: 3, y: 30)]))
    }

    @Test func badFlagIsIgnoredButTheObjectKept() throws {
        let parsed = try self.parse(object("<name>a</name><truncated>maybe</truncated><difficult>1</difficult><point><x>1</x><y>2</y></point>"))
        #expect(parsed.annotations.first?.truncated == nil)
        #expect(parsed.annotations.first?.difficult == true)
        #expect(parsed.skipped.map(\.position) == ["annotation/object[1]/truncated"])
    }

    @Test func secondShapeIsIgnored() throws {
        let parsed = try self.parse(object("<name>a</name><point><x>1</x><y>2</y></point><circle><cx>1</cx><cy>1</cy><r>1</r></circle>"))
        #expect(parsed.annotations.first?.shape == .point(Point(x: 1, y: 2)))
        #expect(parsed.skipped.map(\.position) == ["annotation/object[1]/circle"])
    }

    @Test func propertiesColorAndExtras() throws {
        let xml = object(
            """
            <name>a</name><point><x>1</x><y>2</y></point><hard>1</hard><confidence>0.7</confidence>
            <properties><color>#3399ff</color><shortcut>D</shortcut></properties><attributes><a>1</a></attributes>
            """
        )
        let parsed = try self.parse(xml)
        #expect(
            parsed.annotations.first?.properties == [
                "@modelarts:color": "#3399ff", "shortcut": "D", "@modelarts:hard": "1", "confidence": "0.7",
            ]
        )
        #expect(parsed.annotations.first?.color == "#3399ff")
        #expect(parsed.skipped.map(\.position) == ["annotation/object[1]/attributes"])
    }

    @Test func documentWithoutObjectsHasNoAnnotations() throws {
        let parsed = try self.parse("<annotation><folder>NA</folder><segmented>0</segmented></annotation>")
        #expect(parsed.annotations.isEmpty)
        #expect(parsed.skipped.isEmpty)
    }

    // MARK: Writing

    static let roundTripTable: [[Annotation]] = [
        [],
        [Annotation(name: "cat", shape: .boundingBox(xmin: 0, ymin: 0, xmax: 0, ymax: 0))],
        [Annotation(name: "a & <b> \"c\" 'd'", shape: .point(Point(x: 0.1, y: 1e-7)), pose: "Left & right")],
        [Annotation(name: "猫 🐇", shape: .circle(center: Point(x: 1.5, y: 2.5), radius: 0), truncated: true, occluded: false)],
        [
            Annotation(name: "l", shape: .line([Point(x: 1, y: 2), Point(x: 3, y: 4), Point(x: 5, y: 6)]), difficult: true),
            Annotation(
                name: "p", shape: .polygon([Point(x: 1, y: 2), Point(x: 3, y: 4), Point(x: 123_456_789.125, y: 6)]),
                properties: ["@modelarts:color": "#FF0000", "@modelarts:hard": "true", "@modelarts:hard_coefficient": "0.8", "k": ""]
            ),
        ],
    ]

    @Test(arguments: roundTripTable)
    func writeThenParse(_ annotations: [Annotation]) throws {
        let size = ImageSize(width: 640, height: 480, depth: 3)
        let parsed = try PascalVOC.parse(try PascalVOC.write(annotations, imageSize: size, filename: "IMG_1.jpg", folder: "NA"))
        #expect(parsed.annotations == annotations)
        #expect(parsed.skipped.isEmpty)
        #expect(parsed.imageSize == size)
    }

    @Test func writeThenParseRandomAnnotations() throws {
        var random = RandomLabels(seed: 0x5EED_0001)
        for _ in 0..<300 {
            let annotations = (0..<Int.random(in: 0...6, using: &random.generator)).map { _ in random.detection() }
            let data = try PascalVOC.write(annotations)
            let parsed = try PascalVOC.parse(data)
            #expect(parsed.annotations == annotations, "\(String(decoding: data, as: UTF8.self))")
            #expect(parsed.skipped.isEmpty)
        }
    }

    @Test func writtenDocumentLooksLikeModelArts() throws {
        let data = try PascalVOC.write(
            [Annotation(name: "Rabbit", shape: .boundingBox(xmin: 279, ymin: 52, xmax: 474, ymax: 278), pose: "Unspecified", truncated: false)],
            imageSize: ImageSize(width: 554, height: 606, depth: 3),
            filename: "bike.png"
        )
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasPrefix(#"<?xml version="1.0" encoding="UTF-8" standalone="no"?>"# + "\n<annotation>\n    <filename>bike.png</filename>"))
        #expect(text.contains("        <bndbox>\n            <xmin>279</xmin>\n"))
    }

    @Test(arguments: [
        Annotation(name: "no shape"),
        Annotation(name: "", shape: .point(Point(x: 1, y: 1))),
        Annotation(name: " padded", shape: .point(Point(x: 1, y: 1))),
        Annotation(name: "bell\u{7}", shape: .point(Point(x: 1, y: 1))),
        Annotation(name: "a", shape: .point(Point(x: .nan, y: 1))),
        Annotation(name: "a", shape: .boundingBox(xmin: 2, ymin: 1, xmax: 1, ymax: 2)),
        Annotation(name: "a", shape: .polygon([Point(x: 1, y: 1), Point(x: 2, y: 2)])),
        Annotation(name: "a", shape: .line([Point(x: 1, y: 1)])),
        Annotation(name: "a", shape: .circle(center: Point(x: 1, y: 1), radius: -1)),
        Annotation(name: "a", shape: .point(Point(x: 1, y: 1)), properties: ["@modelarts:shortcut": "D"]),
        Annotation(name: "a", shape: .point(Point(x: 1, y: 1)), properties: ["color": "red"]),
        Annotation(name: "a", shape: .point(Point(x: 1, y: 1)), properties: ["k": " padded"]),
    ])
    func unwritable(_ annotation: Annotation) {
        let error = #expect(throws: FormatError.self) { try PascalVOC.write([annotation]) }
        #expect(error?.code == .notRepresentable)
    }
}
