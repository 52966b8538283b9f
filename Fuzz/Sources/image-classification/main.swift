import FuzzSupport
import LabelFormats

/// An image classification sidecar (`10.txt`): parsed, and what parses written back and parsed again.
func fuzzImageClassification(_ bytes: [UInt8]) {
    guard let parsed = try? ImageClassificationSidecar.parse(bytes) else { return }
    if let written = try? ImageClassificationSidecar.write(parsed.annotations) {
        guard let reparsed = try? ImageClassificationSidecar.parse(written), reparsed.annotations == parsed.annotations else {
            fatalError("a written sidecar does not read back the same")
        }
    }
}

FuzzDriver.run { data, count in
    fuzzImageClassification(FuzzDriver.bytes(data, count))
    return 0
}
