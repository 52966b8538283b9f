/// Why a sample has no labels, as exactly as the sync knows it: this is how "labeled data shows as unlabeled" is
/// explained sample by sample.
public struct UnlabeledReason: Sendable, Hashable, Codable {
    public enum Code: String, Sendable, Hashable, Codable, CaseIterable {
        /// No label file next to the raw file, and no folder label.
        case noSidecar
        /// The label file exists but the storage refused to give it (a KMS key without a grant, an SSE-C object...).
        case sidecarUnreadable
        /// The labeling service may not read the label file: a bucket policy denies it, its agency does not cover the
        /// path, or an ACL gives it nothing (`accessDenial` says which).
        case accessDenied
        /// The label file was read but holds no usable labels.
        case sidecarMalformed
        /// The labels found are of another labeling type than the dataset's.
        case labelsOfAnotherType
        /// A user removed every label of the sample (through the API or the CLI).
        case clearedByUser
        /// The dataset's default labeling job was deleted, and its labels with it ("Why ModelArts image labels are lost").
        case deletedWithDefaultJob
    }

    public var code: Code
    public var message: String
    public var sidecarKey: String?
    /// The storage's error code, such as `KMS.AccessDeniedException` (for `sidecarUnreadable`).
    public var storageErrorCode: String?
    /// The KMS key the storage needed and could not use.
    public var kmsKeyId: String?
    /// The principal the storage refused: the labeling service.
    public var principal: String?
    /// Where in the label file the problem is (`line 3`, `annotation/object[2]/bndbox`), for `sidecarMalformed`.
    public var position: String?
    /// Why the storage refused the service, for `accessDenied`.
    public var accessDenial: AccessDenial?

    public init(
        code: Code,
        message: String,
        sidecarKey: String? = nil,
        storageErrorCode: String? = nil,
        kmsKeyId: String? = nil,
        principal: String? = nil,
        position: String? = nil,
        accessDenial: AccessDenial? = nil
    ) {
        self.code = code
        self.message = message
        self.sidecarKey = sidecarKey
        self.storageErrorCode = storageErrorCode
        self.kmsKeyId = kmsKeyId
        self.principal = principal
        self.position = position
        self.accessDenial = accessDenial
    }
}
