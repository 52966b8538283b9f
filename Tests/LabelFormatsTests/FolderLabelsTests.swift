import Foundation
import LabelFormats
import Testing

struct FolderLabelsTests {
    @Test(
        arguments: [
            ("in/Cat/10.jpg", "in/", "Cat"),
            ("in/Cat/10.jpg", "in", "Cat"),
            ("in/a/Cat/10.jpg", "in/", "Cat"),
            ("in/10.jpg", "in/", nil),
            ("other/Cat/10.jpg", "in/", nil),
            ("input/Cat/10.jpg", "in", nil),
            ("Cat/10.jpg", "", "Cat"),
            ("10.jpg", "", nil),
            ("in//10.jpg", "in/", nil),
            ("in/my cats 🐈/10.wav", "in/", "my cats 🐈"),
        ] as [(String, String, String?)])
    func label(_ key: String, _ prefix: String, _ expected: String?) {
        #expect(FolderLabels.label(forKey: key, prefix: prefix) == expected)
        #expect(FolderLabels.annotations(forKey: key, prefix: prefix) == (expected.map { [Annotation(name: $0)] } ?? []))
    }

    @Test func keyThenLabelRoundTrip() throws {
        var random = RandomLabels(seed: 0x5EED_0005)
        for _ in 0..<500 {
            let label = random.name().replacingOccurrences(of: "/", with: "_")
            guard label != ".", label != ".." else { continue }
            let key = try FolderLabels.key(fileName: "10.jpg", label: label, prefix: "dataset/input")
            #expect(key == "dataset/input/\(label)/10.jpg")
            #expect(FolderLabels.label(forKey: key, prefix: "dataset/input/") == label)
        }
    }

    @Test(arguments: ["", "a/b", ".", "..", " a", "a\n"])
    func unwritableLabels(_ label: String) {
        #expect(throws: FormatError.self) { try FolderLabels.key(fileName: "1.jpg", label: label, prefix: "in/") }
    }

    @Test(arguments: ["", "sub/1.jpg"])
    func unwritableFileNames(_ fileName: String) {
        #expect(throws: FormatError.self) { try FolderLabels.key(fileName: fileName, label: "Cat", prefix: "in/") }
    }
}
