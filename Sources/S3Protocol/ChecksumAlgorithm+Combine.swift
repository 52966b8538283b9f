/// Combining CRCs: the CRC of `A + B` from the CRC of `A`, the CRC of `B` and the length of `B`, without the bytes.
///
/// This is how S3 gives a multipart object a FULL_OBJECT checksum: the parts' CRCs are combined in order. The method
/// is zlib's `crc32_combine` (multiplying by `x^(8·length)` modulo the polynomial), written for any reflected CRC whose
/// register starts and ends inverted, which CRC-32, CRC-32C and CRC-64/NVME all are.
extension ChecksumAlgorithm {
    /// Whether the algorithm is a CRC, whose values can be combined (S3's FULL_OBJECT multipart type).
    public var isCombinable: Bool {
        switch self {
        case .crc32, .crc32c, .crc64nvme: true
        case .sha1, .sha256: false
        }
    }

    /// The big-endian CRC of the concatenation, given the big-endian CRCs of both halves and the second's length;
    /// nil for an algorithm that is not a CRC or values of the wrong length.
    public func combine(_ first: [UInt8], _ second: [UInt8], secondLength: Int64) -> [UInt8]? {
        guard let reflected = reflectedPolynomial, first.count == digestLength, second.count == digestLength else { return nil }
        let width = digestLength * 8
        let arithmetic = CRCArithmetic(polynomial: reflected, width: width)
        let shifted = arithmetic.multiply(arithmetic.xToThe8N(secondLength), Self.integer(first))
        return Self.bytes(shifted ^ Self.integer(second), count: digestLength)
    }

    /// The base64 form of ``combine(_:_:secondLength:)``, as `x-amz-checksum-*` values are written.
    public func combine(base64 first: String, _ second: String, secondLength: Int64) -> String? {
        guard let a = Base64.decode(first), let b = Base64.decode(second) else { return nil }
        return combine(a, b, secondLength: secondLength).map(Base64.encode)
    }

    /// The polynomial in reflected form, as the tables of `CRC` use it.
    private var reflectedPolynomial: UInt64? {
        switch self {
        case .crc32: 0xEDB8_8320
        case .crc32c: 0x82F6_3B78
        case .crc64nvme: 0x9A6C_9329_AC4B_C9B5
        case .sha1, .sha256: nil
        }
    }

    private static func integer(_ bytes: [UInt8]) -> UInt64 {
        bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }

    private static func bytes(_ value: UInt64, count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * (count - 1 - $0))) }
    }
}

/// Polynomial arithmetic modulo a reflected CRC polynomial of 32 or 64 bits (bit `width - 1` is `x^0`).
private struct CRCArithmetic {
    let polynomial: UInt64
    let width: Int

    private var top: UInt64 { 1 << UInt64(width - 1) }

    /// `a · b` modulo the polynomial.
    func multiply(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var mask = top
        var product: UInt64 = 0
        var b = b
        while mask != 0 {
            if a & mask != 0 { product ^= b }
            mask >>= 1
            b = b & 1 == 1 ? (b >> 1) ^ polynomial : b >> 1
        }
        return product
    }

    /// `x^(8·n)` modulo the polynomial, by squaring: the operator that appends `n` zero bytes to a register.
    func xToThe8N(_ n: Int64) -> UInt64 {
        var result = top  // x^0
        var power = top >> 8  // x^8
        var n = UInt64(max(0, n))
        while n != 0 {
            if n & 1 == 1 { result = multiply(power, result) }
            power = multiply(power, power)
            n >>= 1
        }
        return result
    }
}
