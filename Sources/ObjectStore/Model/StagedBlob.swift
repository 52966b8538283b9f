import KeyManagement

/// A request body written to `staging/` and fsynced, not yet visible: publish it with `putObject`/`uploadPart`, or `discard` it.
public struct StagedBlob: Sendable, Hashable {
    public let id: String
    /// The plaintext size.
    public let size: Int64
    /// The binary MD5 of the plaintext, 16 bytes.
    public let md5: [UInt8]
    /// How the staged bytes are encrypted: a whole object's envelope, or (for a part) just the part's segment.
    let encryption: StagedEncryption?

    public var md5Hex: String { md5.hexString }
}

/// The encryption of a staged body.
enum StagedEncryption: Sendable, Hashable {
    /// A whole object: its envelope, segments filled in.
    case object(EncryptionEnvelope)
    /// A part of an encrypted multipart upload: encrypted under the upload's data key as this segment.
    case part(EncryptedSegment)
}

extension StagedBlob {
    /// The envelope to store with an object made of this blob; a part's segment cannot stand alone as an object.
    func objectEnvelope() throws -> EncryptionEnvelope? {
        guard partSegment == nil else {
            throw StoreError(.invalidArgument, "A staged part cannot be published as an object", resource: nil)
        }
        return objectEnvelopeIfAny
    }
}

extension StagedBlob {
    var partSegment: EncryptedSegment? {
        if case .part(let segment) = encryption { return segment }
        return nil
    }

    var objectEnvelopeIfAny: EncryptionEnvelope? {
        if case .object(let envelope) = encryption { return envelope }
        return nil
    }
}
