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
            case groups, remediations, notes
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

    /// Unlabeled samples sharing a cause: `no_label_file`, `encrypted_kms`, `encrypted_customer_key`, `unreadable`,
    /// `malformed`, `labels_of_another_type`.
    public struct DiagnosisGroup: Codable, Sendable {
        public var cause: String
        public var explanation: String
        public var sampleCount: Int
        public var kmsKeyId: String?
        public var kmsKeyAliases: [String]?
        public var principal: String?
        public var samples: [DiagnosedSample]

        public init(
            cause: String,
            explanation: String,
            sampleCount: Int,
            kmsKeyId: String? = nil,
            kmsKeyAliases: [String]? = nil,
            principal: String? = nil,
            samples: [DiagnosedSample]
        ) {
            self.cause = cause
            self.explanation = explanation
            self.sampleCount = sampleCount
            self.kmsKeyId = kmsKeyId
            self.kmsKeyAliases = kmsKeyAliases
            self.principal = principal
            self.samples = samples
        }

        enum CodingKeys: String, CodingKey {
            case cause, explanation
            case sampleCount = "sample_count"
            case kmsKeyId = "kms_key_id"
            case kmsKeyAliases = "kms_key_aliases"
            case principal, samples
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

    /// `PUT /v2/{project_id}/datasets/{dataset_id}`: ModelArts's `description`, and obslab's `data_sources` (one OBS
    /// path, as at creation) to point the dataset at another input path.
    public struct UpdateDataset: Codable, Sendable {
        public var description: String?
        public var dataSources: [DataSource]?

        public init(description: String? = nil, dataSources: [DataSource]? = nil) {
            self.description = description
            self.dataSources = dataSources
        }

        enum CodingKeys: String, CodingKey {
            case description
            case dataSources = "data_sources"
        }
    }
}
