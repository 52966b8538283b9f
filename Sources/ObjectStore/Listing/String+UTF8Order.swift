/// S3 orders and matches keys by their UTF-8 bytes, where Swift's `String` compares canonical equivalents:
/// "é" and "e\u{301}" are equal Strings but different keys.
extension String {
    func hasBytePrefix(_ prefix: String) -> Bool {
        utf8.starts(with: prefix.utf8)
    }

    func bytesPrecede(_ other: String) -> Bool {
        utf8.lexicographicallyPrecedes(other.utf8)
    }

    func bytesEqual(_ other: String) -> Bool {
        utf8.elementsEqual(other.utf8)
    }

    /// The key up to and including the first occurrence of `delimiter` at or after byte `offset`, or nil.
    func bytePrefix(throughFirst delimiter: String, from offset: Int) -> String? {
        let bytes = Array(utf8)
        let needle = Array(delimiter.utf8)
        guard !needle.isEmpty, bytes.count >= offset + needle.count else { return nil }
        for start in offset...(bytes.count - needle.count) where bytes[start..<start + needle.count].elementsEqual(needle) {
            return String(decoding: bytes[..<(start + needle.count)], as: UTF8.self)
        }
        return nil
    }
}
