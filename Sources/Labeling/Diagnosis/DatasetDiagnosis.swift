import Foundation

/// Why a dataset's samples are unlabeled, grouped by cause, with what to do about each cause.
public struct DatasetDiagnosis: Sendable, Hashable {
    public var datasetId: String
    public var datasetName: String
    public var inputPath: String
    public var counts: SampleCounts
    /// The input bucket's default encryption, when it has one and the storage tells it.
    public var bucketEncryption: DefaultEncryption?
    /// Whether encrypted label files keep some samples unlabeled. False whenever every label file was read, even in
    /// an encrypted bucket: SSE-S3 objects are readable by the labeling service.
    public var encryptionIsCause: Bool
    /// One group per cause (per KMS key for SSE-KMS), the largest first.
    public var groups: [DiagnosisGroup]
    /// The fixes of the encryption causes, with this dataset's arguments (a permission cause's fixes are its group's).
    public var remediations: [Remediation]
    /// Labeled samples that took the label file of a deleted image: their labels may describe another image.
    public var oldLabelFiles: [OldLabelFileSample]
    public var notes: [String]
}

/// Unlabeled samples that share a cause.
public struct DiagnosisGroup: Sendable, Hashable {
    public enum Cause: String, Sendable, Hashable, CaseIterable {
        /// No label file next to the raw file.
        case noLabelFile
        /// The label file is SSE-KMS encrypted with a key the labeling service has no grant on.
        case encryptedKMS
        /// The label file is SSE-C encrypted: only the holder of the customer key can read it.
        case encryptedCustomerKey
        /// The labeling service may not read the label file: a bucket policy denies it, its agency does not cover the
        /// path, or an ACL gives it nothing.
        case accessDenied
        /// The storage refused the label file for another reason.
        case unreadable
        /// The label file was read but holds no usable labels.
        case malformed
        /// The label file holds labels of another labeling type.
        case labelsOfAnotherType
        /// A user removed the labels.
        case clearedByUser
        /// The dataset's default labeling job was deleted, and its labels with it.
        case deletedWithDefaultJob
    }

    public var cause: Cause
    public var explanation: String
    public var sampleCount: Int { samples.count }
    /// For `encryptedKMS`: the key the storage needed, its aliases and the principal it refused.
    public var kmsKeyId: String?
    public var kmsKeyAliases: [String]
    public var principal: String?
    /// For `accessDenied`: why the service was refused (the statement, the agency…), as for the group's first sample.
    public var accessDenial: AccessDenial?
    /// What fixes the cause: for `accessDenied`, what lets the service read these files; for `deletedWithDefaultJob`, a sync
    /// that reads their label files again.
    public var remediations: [Remediation] = []
    public var samples: [DiagnosedSample]

    public var isEncryption: Bool { cause == .encryptedKMS || cause == .encryptedCustomerKey }
}

/// An unlabeled sample and what the sync found about its label file.
public struct DiagnosedSample: Sendable, Hashable {
    public var sampleId: String
    public var bucket: String
    public var key: String
    public var line: Int?
    public var sidecarKey: String?
    public var message: String
    /// Where in the label file the problem is, for a malformed one.
    public var position: String?
    public var storageErrorCode: String?
}
