#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Standard (padded) base64, as S3 prints digests and V2 signatures.
enum Base64 {
    static func encode(_ bytes: some Sequence<UInt8>) -> String {
        Data(bytes).base64EncodedString()
    }

    static func decode(_ string: String) -> [UInt8]? {
        Data(base64Encoded: string).map { Array($0) }
    }
}
