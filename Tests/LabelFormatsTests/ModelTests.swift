import Foundation
import LabelFormats
import Testing

struct ModelTests {
    @Test func datasetKindCodes() {
        #expect(DatasetKind.allCases.map(\.labelType) == [0, 1, 100, 200])
        #expect(DatasetKind.allCases.map(\.sampleType) == [0, 0, 1, 2])
        for kind in DatasetKind.allCases {
            #expect(DatasetKind(labelType: kind.labelType) == kind)
            #expect(DatasetKind(manifestType: kind.manifestType) == kind)
        }
        #expect(DatasetKind(labelType: 3) == nil)
        #expect(DatasetKind(manifestType: "audio_classification") == .soundClassification)
        #expect(DatasetKind(manifestType: "modelarts/image_segmentation") == nil)
        #expect(DatasetKind.imageClassification.rawFileExtensions.isSuperset(of: ["jpg", "jpeg", "png", "bmp"]))
        #expect(DatasetKind.soundClassification.rawFileExtensions.contains("wav"))
        #expect(DatasetKind.textClassification.rawFileExtensions == ["txt", "csv"])
    }

    @Test(arguments: [
        Shape.boundingBox(xmin: 0, ymin: 10, xmax: 50, ymax: 95),
        .polygon([Point(x: 0, y: 100), Point(x: 50, y: 95), Point(x: 10, y: 60), Point(x: 500, y: 400)]),
        .circle(center: Point(x: 100, y: 100), radius: 50),
        .line([Point(x: 0, y: 100), Point(x: 50, y: 95)]),
        .point(Point(x: 0, y: 100)),
    ])
    func shapeFeatureRoundTrip(_ shape: Shape) {
        #expect(Shape(modelArtsName: shape.modelArtsName, feature: shape.feature) == shape)
    }

    /// The examples of `@modelarts:feature` in the sample API reference.
    @Test func shapeFeatureExamples() {
        #expect(Shape(modelArtsName: "bndbox", feature: [[0, 10], [50, 95]]) == .boundingBox(xmin: 0, ymin: 10, xmax: 50, ymax: 95))
        #expect(Shape(modelArtsName: "circle", feature: [[100, 100], [50]]) == .circle(center: Point(x: 100, y: 100), radius: 50))
        #expect(Shape(modelArtsName: "dashed", feature: [[0, 100], [50, 95]]) == .line([Point(x: 0, y: 100), Point(x: 50, y: 95)]))
        #expect(Shape(modelArtsName: "bndbox", feature: [[0, 10]]) == nil)
        #expect(Shape(modelArtsName: "polygon", feature: [[0, 10], [1, 1]]) == nil)
        #expect(Shape(modelArtsName: "circle", feature: [[100, 100], [50, 1]]) == nil)
        #expect(Shape(modelArtsName: "ellipse", feature: [[0, 0]]) == nil)
    }

    @Test func labelColor() {
        #expect(Label.isValidColor("#3399ff"))
        #expect(Label.isValidColor("#FFFFF0"))
        #expect(!Label.isValidColor("3399ff"))
        #expect(!Label.isValidColor("#3399fg"))
        #expect(!Label.isValidColor("#39f"))
        #expect(Label(name: "Rabbits", type: 0, color: "#3399ff").color == "#3399ff")
    }

    @Test func annotationsAreCodable() throws {
        var random = RandomLabels(seed: 0x5EED_0006)
        let annotations = (0..<50).map { _ in random.detection() }
        let data = try JSONEncoder().encode(annotations)
        #expect(try JSONDecoder().decode([Annotation].self, from: data) == annotations)
    }

    @Test func issueAndErrorDescriptions() {
        let issue = ParseIssue(position: "annotation/object[2]", reason: "object has no <name>; skipped")
        #expect(issue.description == "annotation/object[2]: object has no <name>; skipped")
        #expect(FormatError(.notXML, issue).description == "NotXML: annotation/object[2]: object has no <name>; skipped")
    }
}
