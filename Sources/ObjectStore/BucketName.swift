/// The S3 bucket naming rules.
enum BucketName {
    static func validate(_ name: String) throws {
        if let problem = problem(with: name) {
            throw StoreError(.invalidBucketName, "The specified bucket is not valid: \(problem)", resource: name)
        }
    }

    static func isValid(_ name: String) -> Bool { problem(with: name) == nil }

    private static func problem(with name: String) -> String? {
        let bytes = Array(name.utf8)
        guard (3...63).contains(bytes.count) else { return "a name has 3 to 63 characters" }
        func isAlphanumeric(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        for byte in bytes where !isAlphanumeric(byte) && byte != UInt8(ascii: ".") && byte != UInt8(ascii: "-") {
            return "only lowercase letters, digits, '.' and '-' are allowed"
        }
        guard isAlphanumeric(bytes.first!), isAlphanumeric(bytes.last!) else {
            return "a name starts and ends with a letter or a digit"
        }
        if name.contains("..") || name.contains(".-") || name.contains("-.") {
            return "a name has no '..', '.-' or '-.'"
        }
        if name.hasPrefix("xn--") || name.hasSuffix("-s3alias") {
            return "the prefix 'xn--' and the suffix '-s3alias' are reserved"
        }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        if labels.count == 4 && labels.allSatisfy({ label in label.allSatisfy(\.isNumber) && UInt(label).map { $0 <= 255 } == true }) {
            return "a name is not an IP address"
        }
        return nil
    }
}
