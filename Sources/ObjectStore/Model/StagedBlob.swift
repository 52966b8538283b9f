/// A request body written to `staging/` and fsynced, not yet visible: publish it with `putObject`/`uploadPart`, or `discard` it.
public struct StagedBlob: Sendable, Hashable {
    public let id: String
    public let size: Int64
    /// The binary MD5 of the bytes, 16 bytes.
    public let md5: [UInt8]

    public var md5Hex: String { md5.hexString }
}
