import Foundation

/// How a request names a key: by id or by alias, in any of the forms AWS and OBS clients send.
///
/// `alias/testkey-1`, `testkey-1`, `arn:aws:kms:<region>:<account>:alias/testkey-1` name an alias; a bare UUID,
/// `arn:aws:kms:<region>:<account>:key/<id>` and OBS's `<region>:<domain id>:key/<id>` name a key id.
enum KeyReference: Sendable, Hashable, CustomStringConvertible {
    case id(String)
    case alias(String)

    init(_ text: String) throws(KMSError) {
        if let range = text.range(of: ":alias/") {
            self = .alias(String(text[range.upperBound...]))
        } else if let range = text.range(of: ":key/") {
            self = .id(String(text[range.upperBound...]).lowercased())
        } else if text.hasPrefix("alias/") {
            self = .alias(String(text.dropFirst("alias/".count)))
        } else if UUID(uuidString: text) != nil {
            self = .id(text.lowercased())
        } else {
            self = .alias(text)
        }
        switch self {
        case .id(let id) where UUID(uuidString: id) == nil:
            throw KMSError(.validation, "'\(text)' is not a valid key id or ARN", keyId: text)
        case .alias(let alias):
            try Self.validateAlias(alias, given: text)
        default:
            break
        }
    }

    var description: String {
        switch self {
        case .id(let id): id
        case .alias(let alias): "alias/" + alias
        }
    }

    /// Alias names are 1 to 250 characters of letters, digits, `/`, `_` and `-`, and not shaped like a key id.
    static func validateAlias(_ alias: String, given text: String) throws(KMSError) {
        let allowed = alias.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                true
            case UInt8(ascii: "/"), UInt8(ascii: "_"), UInt8(ascii: "-"):
                true
            default:
                false
            }
        }
        guard allowed, (1...250).contains(alias.utf8.count), UUID(uuidString: alias) == nil, !alias.hasPrefix("alias/") else {
            throw KMSError(
                .validation,
                "'\(text)' is not a valid alias: use 1 to 250 letters, digits, '/', '_' or '-' (for example obs/default or testkey-1)",
                keyId: text
            )
        }
    }
}
