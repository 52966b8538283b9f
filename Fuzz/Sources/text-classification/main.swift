import FuzzSupport
import LabelFormats

/// Text classification in both forms: the input is split at its first NUL into a text file and a result file (the pair
/// form), and read whole as the one-file form; what parses is written back.
func fuzzTextClassification(_ bytes: [UInt8]) {
    let format = TextClassification()
    let split = bytes.firstIndex(of: 0) ?? bytes.endIndex
    if let parsed = try? format.parsePair(text: bytes[..<split], result: bytes[min(split + 1, bytes.endIndex)...]) {
        _ = try? format.writePair(parsed.samples)
    }
    if let parsed = try? format.parseCombined(bytes) {
        _ = try? format.writeCombined(parsed.samples)
    }
}

FuzzDriver.run { data, count in
    fuzzTextClassification(FuzzDriver.bytes(data, count))
    return 0
}
