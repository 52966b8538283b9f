import FuzzSupport
import LabelFormats

/// A PASCAL VOC file: parsed, and what parses written back and parsed again.
func fuzzPascalVOC(_ bytes: [UInt8]) {
    guard let parsed = try? PascalVOC.parse(bytes) else { return }
    if let written = try? PascalVOC.write(parsed.annotations, imageSize: parsed.imageSize) {
        guard let reparsed = try? PascalVOC.parse(written) else { fatalError("a written VOC file does not parse") }
        guard reparsed.annotations.count == parsed.annotations.count else { fatalError("writing lost annotations") }
    }
}

FuzzDriver.run { data, count in
    fuzzPascalVOC(FuzzDriver.bytes(data, count))
    return 0
}
