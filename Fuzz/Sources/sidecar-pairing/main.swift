import FuzzSupport
import LabelFormats

/// The pairing of listed keys with their label files, and folder labels: the first line is the dataset's prefix, each
/// further line a key; every dataset kind is tried.
func fuzzSidecarPairing(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let prefix = lines.first ?? ""
    let keys = Array(lines.dropFirst())
    for kind in DatasetKind.allCases {
        let result = SidecarPairing.pair(keys: keys, prefix: prefix, kind: kind)
        guard result.samples.count + result.ignored.count <= keys.count else { fatalError("pairing invented keys") }
    }
    for key in keys {
        _ = FolderLabels.annotations(forKey: key, prefix: prefix)
        if let label = FolderLabels.label(forKey: key, prefix: prefix) {
            _ = try? FolderLabels.key(fileName: "x.jpg", label: label, prefix: prefix)
        }
    }
}

FuzzDriver.run { data, count in
    fuzzSidecarPairing(FuzzDriver.bytes(data, count))
    return 0
}
