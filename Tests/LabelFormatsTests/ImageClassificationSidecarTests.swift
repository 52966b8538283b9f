import Foundation
import LabelFormats
import Testing

struct ImageClassificationSidecarTests {
    @Test func singleLabelFromTheModelArtsExample() throws {
        let parsed = try ImageClassificationSidecar.parse(Data("Rabbit".utf8))
        #expect(parsed.annotations == [Annotation(name: "Rabbit")])
        #expect(parsed.skipped.isEmpty)
    }

    @Test func multipleLabelsFromTheModelArtsExample() throws {
        let parsed = try ImageClassificationSidecar.parse(Data("Rabbit\nPanda\n".utf8))
        #expect(parsed.annotations.map(\.name) == ["Rabbit", "Panda"])
    }
}
