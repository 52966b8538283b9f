/// Table-driven reflected CRCs with slicing-by-8: eight table lookups per eight input bytes.
enum CRC {
    /// Eight 256-entry tables for a reflected polynomial (32 or 64 bits), table `k` advancing a byte `k` more positions.
    static func tables<Register: FixedWidthInteger & UnsignedInteger>(polynomial: Register) -> [Register] {
        var tables = [Register](repeating: 0, count: 8 * 256)
        for byte in 0..<256 {
            var crc = Register(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ polynomial : crc >> 1 }
            tables[byte] = crc
        }
        for table in 1..<8 {
            for byte in 0..<256 {
                let previous = tables[(table - 1) * 256 + byte]
                tables[table * 256 + byte] = (previous >> 8) ^ tables[Int(previous & 0xFF)]
            }
        }
        return tables
    }

    static let crc32Tables = tables(polynomial: UInt32(0xEDB8_8320))
    static let crc32cTables = tables(polynomial: UInt32(0x82F6_3B78))
    static let crc64nvmeTables = tables(polynomial: UInt64(0x9A6C_9329_AC4B_C9B5))

    /// Advances a 32-bit CRC register (already inverted, without the final xor) over some bytes.
    static func update32(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer, tables: [UInt32]) -> UInt32 {
        tables.withUnsafeBufferPointer { table in
            var crc = crc
            var index = 0
            let count = bytes.count
            while count - index >= 8 {
                let low = crc ^ UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt32.self))
                let high = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: index + 4, as: UInt32.self))
                crc =
                    table[7 * 256 + Int(low & 0xFF)] ^ table[6 * 256 + Int((low >> 8) & 0xFF)]
                    ^ table[5 * 256 + Int((low >> 16) & 0xFF)] ^ table[4 * 256 + Int(low >> 24)]
                    ^ table[3 * 256 + Int(high & 0xFF)] ^ table[2 * 256 + Int((high >> 8) & 0xFF)]
                    ^ table[1 * 256 + Int((high >> 16) & 0xFF)] ^ table[Int(high >> 24)]
                index += 8
            }
            while index < count {
                crc = (crc >> 8) ^ table[Int((crc ^ UInt32(bytes[index])) & 0xFF)]
                index += 1
            }
            return crc
        }
    }

    static func update64(_ crc: UInt64, _ bytes: UnsafeRawBufferPointer, tables: [UInt64]) -> UInt64 {
        tables.withUnsafeBufferPointer { table in
            var crc = crc
            var index = 0
            let count = bytes.count
            while count - index >= 8 {
                let word = crc ^ UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                crc =
                    table[7 * 256 + Int(word & 0xFF)] ^ table[6 * 256 + Int((word >> 8) & 0xFF)]
                    ^ table[5 * 256 + Int((word >> 16) & 0xFF)] ^ table[4 * 256 + Int((word >> 24) & 0xFF)]
                    ^ table[3 * 256 + Int((word >> 32) & 0xFF)] ^ table[2 * 256 + Int((word >> 40) & 0xFF)]
                    ^ table[1 * 256 + Int((word >> 48) & 0xFF)] ^ table[Int(word >> 56)]
                index += 8
            }
            while index < count {
                crc = (crc >> 8) ^ table[Int((crc ^ UInt64(bytes[index])) & 0xFF)]
                index += 1
            }
            return crc
        }
    }
}
