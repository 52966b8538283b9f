import FuzzSupport
import LabelFormats

/// A ModelArts manifest (JSON Lines): parsed, and what parses written back and parsed again.
func fuzzManifest(_ bytes: [UInt8]) {
    guard let parsed = try? Manifest.parse(bytes) else { return }
    if let written = try? Manifest.write(parsed.entries) {
        guard let reparsed = try? Manifest.parse(written), reparsed.entries.count == parsed.entries.count else {
            fatalError("a written manifest does not read back its entries")
        }
    }
}

FuzzDriver.run { data, count in
    fuzzManifest(FuzzDriver.bytes(data, count))
    return 0
}
