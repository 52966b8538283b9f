import Foundation

/// A raw file that becomes a sample, with where its labels come from.
public struct PairedSample: Sendable, Hashable, Codable {
    public var rawKey: String
    /// The label file next to it (`10.txt`, `IMG_1.xml`, `X_result.txt`), when there is one.
    public var sidecarKey: String?
    /// The label its folder gives, for kinds labeled by folder, when it has no sidecar.
    public var folderLabel: String?

    public init(rawKey: String, sidecarKey: String? = nil, folderLabel: String? = nil) {
        self.rawKey = rawKey
        self.sidecarKey = sidecarKey
        self.folderLabel = folderLabel
    }
}

/// A listed key that is neither a sample nor the sidecar of one.
public struct IgnoredKey: Sendable, Hashable, Codable {
    public enum Reason: String, Sendable, Hashable, Codable {
        /// Not a raw file of the dataset's kind, nor a sidecar (`notes.pdf`, `.DS_Store`).
        case notARawFile
        /// A sidecar with no raw file to label (`10.txt` without `10.jpg`, `X_result.txt` without `X.txt`).
        case sidecarWithoutRawFile
        /// A second sidecar for the same raw file that differs only in the case of its extension (`10.TXT` next to `10.txt`).
        case duplicateSidecar
        /// A folder marker (a key ending with `/`).
        case folder
        /// Not below the dataset's input prefix.
        case outsidePrefix
    }

    public var key: String
    public var reason: Reason

    public init(key: String, reason: Reason) {
        self.key = key
        self.reason = reason
    }
}

/// The samples found under a dataset's input prefix, and the keys that are not part of any.
public struct PairingResult: Sendable, Hashable, Codable {
    /// In the order of the listed keys.
    public var samples: [PairedSample]
    public var ignored: [IgnoredKey]

    public init(samples: [PairedSample], ignored: [IgnoredKey]) {
        self.samples = samples
        self.ignored = ignored
    }
}

/// The rules that pair the raw files under an input prefix with their label sources, by dataset kind.
///
/// - image classification: `a/10.jpg` with `a/10.txt` (same folder, same base name), else the folder label when the image
///   sits in a sub-folder of the prefix;
/// - object detection: `IMG_1.jpg` with `IMG_1.xml`;
/// - text classification: `X.txt` with `X_result.txt` (`X.csv` with `X_result.csv`, or `X_result.txt`); a `_result`
///   file is never a sample. A text file without one may hold labels in the one-file form;
/// - sound classification: the folder label.
///
/// One pass over the keys with a dictionary of sidecars: linear in the number of keys.
public enum SidecarPairing {
    /// Keys are compared byte for byte, as S3 does: `café` in NFC and in NFD are different folders.
    public static func pair(keys: [String], prefix: String, kind: DatasetKind) -> PairingResult {
        let prefix = FolderLabels.folderPrefix(prefix)
        let rawExtensions = kind.rawFileExtensions
        let sidecarExtension = Self.sidecarExtension(kind)
        var ignored: [(index: Int, key: IgnoredKey)] = []
        var raws: [(key: String, stem: ByteString, ext: String)] = []
        // Sidecars by the stem of the raw file they label (`a/10` for `a/10.txt`, `a/X` for `a/X_result.txt`).
        var sidecars: [ByteString: [(index: Int, key: String, ext: String)]] = [:]
        var sidecarOrder: [(index: Int, key: String, stem: ByteString)] = []
        for (index, key) in keys.enumerated() {
            guard key.utf8.starts(with: prefix.utf8) else {
                ignored.append((index, IgnoredKey(key: key, reason: .outsidePrefix)))
                continue
            }
            guard key.utf8.count > prefix.utf8.count, key.utf8.last != UInt8(ascii: "/") else {
                ignored.append((index, IgnoredKey(key: key, reason: .folder)))
                continue
            }
            let (stem, ext) = Self.split(key)
            let lowered = ext.lowercased()
            var sidecarStem: Substring?
            if kind == .textClassification, lowered == "txt" || lowered == "csv", stem.utf8.reversed().starts(with: "_result".utf8.reversed()) {
                sidecarStem = Substring(stem.utf8.dropLast("_result".utf8.count))
            } else if rawExtensions.contains(lowered) {
                raws.append((key, ByteString(stem), lowered))
            } else if let sidecarExtension, lowered == sidecarExtension {
                sidecarStem = stem
            } else {
                ignored.append((index, IgnoredKey(key: key, reason: .notARawFile)))
            }
            if let sidecarStem {
                sidecars[ByteString(sidecarStem), default: []].append((index, key, ext))
                sidecarOrder.append((index, key, ByteString(sidecarStem)))
            }
        }
        // By index, not by key: `String` equality would take an NFD key for its NFC twin.
        var used: Set<Int> = []
        var pairedStems: Set<ByteString> = []
        var samples: [PairedSample] = []
        samples.reserveCapacity(raws.count)
        for raw in raws {
            var sample = PairedSample(rawKey: raw.key)
            if let candidates = sidecars[raw.stem], let chosen = Self.choose(candidates, rawExtension: raw.ext) {
                sample.sidecarKey = chosen.key
                used.insert(chosen.index)
                pairedStems.insert(raw.stem)
            } else if kind == .imageClassification || kind == .soundClassification {
                sample.folderLabel = FolderLabels.label(forKey: raw.key, prefix: prefix)
            }
            samples.append(sample)
        }
        for sidecar in sidecarOrder where !used.contains(sidecar.index) {
            let reason: IgnoredKey.Reason = pairedStems.contains(sidecar.stem) ? .duplicateSidecar : .sidecarWithoutRawFile
            ignored.append((sidecar.index, IgnoredKey(key: sidecar.key, reason: reason)))
        }
        ignored.sort { $0.index < $1.index }
        return PairingResult(samples: samples, ignored: ignored.map(\.key))
    }

    /// The sidecar extension of `kind`, for kinds whose sidecar differs from the raw file only by extension.
    private static func sidecarExtension(_ kind: DatasetKind) -> String? {
        switch kind {
        case .imageClassification: "txt"
        case .objectDetection: "xml"
        case .textClassification, .soundClassification: nil
        }
    }

    /// The sidecar to use among those sharing a stem: the exact lower-case extension (the raw file's own for text) first.
    private static func choose(
        _ candidates: [(index: Int, key: String, ext: String)],
        rawExtension: String
    ) -> (index: Int, key: String)? {
        for wanted in [rawExtension, "txt", "xml"] {
            if let exact = candidates.first(where: { $0.ext == wanted }) { return (exact.index, exact.key) }
        }
        return candidates.first.map { ($0.index, $0.key) }
    }

    /// `a/b/10` and `jpg` for `a/b/10.jpg`; a dot that starts the file name (`.hidden`) does not start an extension.
    static func split(_ key: String) -> (stem: Substring, ext: String) {
        let utf8 = key.utf8
        let nameStart = utf8.lastIndex(of: UInt8(ascii: "/")).map { utf8.index(after: $0) } ?? utf8.startIndex
        guard let dot = utf8[nameStart...].lastIndex(of: UInt8(ascii: ".")), dot != nameStart else {
            return (Substring(key), "")
        }
        return (Substring(utf8[..<dot]), String(Substring(utf8[utf8.index(after: dot)...])))
    }
}

/// A string that is equal to another only when their UTF-8 bytes are, unlike `String` (which compares canonically).
struct ByteString: Hashable {
    let value: Substring

    init(_ value: Substring) {
        self.value = value
    }

    static func == (lhs: ByteString, rhs: ByteString) -> Bool {
        guard lhs.value.utf8.count == rhs.value.utf8.count else { return false }
        var (left, right) = (lhs.value, rhs.value)
        return left.withUTF8 { left in right.withUTF8 { right in left.count == 0 || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0 } }
    }

    func hash(into hasher: inout Hasher) {
        var value = self.value
        value.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
