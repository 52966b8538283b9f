extension ModelArtsAPI {
    /// `GET /v2/{project_id}/datasets/{dataset_id}/diagnosis`, obslab's own: why the dataset's samples are unlabeled.
    public struct Diagnosis: Codable, Sendable {
        public var datasetId: String
        public var datasetName: String
        public var dataPath: String
        public var totalSampleCount: Int
        public var annotatedSampleCount: Int
        public var unannotatedSampleCount: Int
        public var bucketEncryption: BucketEncryption?
        public var encryptionIsCause: Bool
        public var groups: [DiagnosisGroup]
        public var remediations: [Remediation]
        /// Labeled samples that took the label file of a deleted image (obslab's).
        public var oldLabelFiles: [OldLabelFile]
        public var notes: [String]

        public init(
            datasetId: String,
            datasetName: String,
            dataPath: String,
            totalSampleCount: Int,
            annotatedSampleCount: Int,
            unannotatedSampleCount: Int,
            bucketEncryption: BucketEncryption? = nil,
            encryptionIsCause: Bool,
            groups: [DiagnosisGroup],
            remediations: [Remediation],
            oldLabelFiles: [OldLabelFile] = [],
            notes: [String]
        ) {
            self.datasetId = datasetId
            self.datasetName = datasetName
            self.dataPath = dataPath
            self.totalSampleCount = totalSampleCount
            self.annotatedSampleCount = annotatedSampleCount
            self.unannotatedSampleCount = unannotatedSampleCount
            self.bucketEncryption = bucketEncryption
            self.encryptionIsCause = encryptionIsCause
            self.groups = groups
            self.remediations = remediations
            self.oldLabelFiles = oldLabelFiles
            self.notes = notes
        }

        enum CodingKeys: String, CodingKey {
            case datasetId = "dataset_id"
            case datasetName = "dataset_name"
            case dataPath = "data_path"
            case totalSampleCount = "total_sample_count"
            case annotatedSampleCount = "annotated_sample_count"
            case unannotatedSampleCount = "unannotated_sample_count"
            case bucketEncryption = "bucket_encryption"
            case encryptionIsCause = "encryption_is_cause"
            case oldLabelFiles = "old_label_files"
            case groups, remediations, notes
        }
    }

    /// A labeled sample whose image was uploaded again after a sample deletion deleted the old one, and which took
    /// the old image's label file: `deleted_at` in milliseconds since 1970.
    public struct OldLabelFile: Codable, Sendable {
        public var sampleId: String
        public var source: String
        public var labelFile: String
        public var deletedBy: String
        public var deletedAt: Int64

        public init(sampleId: String, source: String, labelFile: String, deletedBy: String, deletedAt: Int64) {
            self.sampleId = sampleId
            self.source = source
            self.labelFile = labelFile
            self.deletedBy = deletedBy
            self.deletedAt = deletedAt
        }

        enum CodingKeys: String, CodingKey {
            case sampleId = "sample_id"
            case source
            case labelFile = "label_file"
            case deletedBy = "deleted_by"
            case deletedAt = "deleted_at"
        }
    }

    /// The input bucket's default encryption: `AES256` or `aws:kms`, `since` in milliseconds since 1970.
    public struct BucketEncryption: Codable, Sendable {
        public var algorithm: String
        public var kmsKeyId: String?
        public var since: Int64?

        public init(algorithm: String, kmsKeyId: String? = nil, since: Int64? = nil) {
            self.algorithm = algorithm
            self.kmsKeyId = kmsKeyId
            self.since = since
        }

        enum CodingKeys: String, CodingKey {
            case algorithm
            case kmsKeyId = "kms_key_id"
            case since
        }
    }

    /// Unlabeled samples sharing a cause: `no_label_file`, `encrypted_kms`, `encrypted_customer_key`, `access_denied`,
    /// `unreadable`, `malformed`, `labels_of_another_type`.
    public struct DiagnosisGroup: Codable, Sendable {
        public var cause: String
        public var explanation: String
        public var sampleCount: Int
        public var kmsKeyId: String?
        public var kmsKeyAliases: [String]?
        public var principal: String?
        /// For `access_denied`: what refuses the service (`denied by bucket policy statement "X"`, `no agency grant…`).
        public var deniedBy: String?
        /// For `access_denied` by a bucket policy: the statement's Sid (or `#2`).
        public var policyStatement: String?
        /// For `access_denied`: what lets the service read these samples' files.
        public var remediations: [Remediation]?
        public var samples: [DiagnosedSample]

        public init(
            cause: String,
            explanation: String,
            sampleCount: Int,
            kmsKeyId: String? = nil,
            kmsKeyAliases: [String]? = nil,
            principal: String? = nil,
            deniedBy: String? = nil,
            policyStatement: String? = nil,
            remediations: [Remediation]? = nil,
            samples: [DiagnosedSample]
        ) {
            self.cause = cause
            self.explanation = explanation
            self.sampleCount = sampleCount
            self.kmsKeyId = kmsKeyId
            self.kmsKeyAliases = kmsKeyAliases
            self.principal = principal
            self.deniedBy = deniedBy
            self.policyStatement = policyStatement
            self.remediations = remediations
            self.samples = samples
        }

        enum CodingKeys: String, CodingKey {
            case cause, explanation
            case sampleCount = "sample_count"
            case kmsKeyId = "kms_key_id"
            case kmsKeyAliases = "kms_key_aliases"
            case deniedBy = "denied_by"
            case policyStatement = "policy_statement"
            case principal, remediations, samples
        }
    }

    public struct DiagnosedSample: Codable, Sendable {
        public var sampleId: String
        public var source: String
        public var line: Int?
        public var sidecar: String?
        public var message: String
        public var position: String?
        public var storageErrorCode: String?

        public init(
            sampleId: String,
            source: String,
            line: Int? = nil,
            sidecar: String? = nil,
            message: String,
            position: String? = nil,
            storageErrorCode: String? = nil
        ) {
            self.sampleId = sampleId
            self.source = source
            self.line = line
            self.sidecar = sidecar
            self.message = message
            self.position = position
            self.storageErrorCode = storageErrorCode
        }

        enum CodingKeys: String, CodingKey {
            case sampleId = "sample_id"
            case source, line, sidecar, message, position
            case storageErrorCode = "storage_error_code"
        }
    }

    public struct Remediation: Codable, Sendable {
        public var command: String
        public var description: String

        public init(command: String, description: String) {
            self.command = command
            self.description = description
        }

    }
}
