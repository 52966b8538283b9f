import Foundation

/// A `Range: bytes=…` request header, as S3 reads it: one range only, first-last, first- or -suffix.
enum ByteRange: Equatable, Sendable {
    case closed(Int64, Int64)
    case from(Int64)
    case suffix(Int64)

    /// Parses the header; S3 ignores a header it cannot parse (and serves the whole object), so this returns nil then.
    init?(header: String) {
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("bytes=") else { return nil }
        let spec = trimmed.dropFirst("bytes=".count)
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return nil }
        let first = spec[..<dash].trimmingCharacters(in: .whitespaces)
        let last = spec[spec.index(after: dash)...].trimmingCharacters(in: .whitespaces)
        switch (Int64(first), Int64(last)) {
        case (let start?, let end?) where start >= 0 && end >= start: self = .closed(start, end)
        case (let start?, nil) where last.isEmpty && start >= 0: self = .from(start)
        case (nil, let count?) where first.isEmpty && count >= 0: self = .suffix(count)
        default: return nil
        }
    }

    /// The byte positions this range selects in an object of `size` bytes, or nil when it is unsatisfiable.
    func resolve(size: Int64) -> ClosedRange<Int64>? {
        switch self {
        case .closed(let start, let end):
            guard start < size else { return nil }
            return start...min(end, size - 1)
        case .from(let start):
            guard start < size else { return nil }
            return start...(size - 1)
        case .suffix(let count):
            guard count > 0, size > 0 else { return nil }
            return max(0, size - count)...(size - 1)
        }
    }
}
