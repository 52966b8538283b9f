import Hummingbird
import Labeling
import ObslabAPI

extension LabelingEndpoints {
    @Sendable func diagnoseDataset(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let diagnosis = try await service.diagnose(datasetId: try context.parameters.require("dataset_id"))
        return try Self.json(ModelArtsAPI.Diagnosis(diagnosis))
    }
}

extension ModelArtsAPI.Diagnosis {
    init(_ diagnosis: DatasetDiagnosis) {
        self.init(
            datasetId: diagnosis.datasetId,
            datasetName: diagnosis.datasetName,
            dataPath: OBSPath.modelArtsPath(diagnosis.inputPath),
            totalSampleCount: diagnosis.counts.all,
            annotatedSampleCount: diagnosis.counts.labeled,
            unannotatedSampleCount: diagnosis.counts.unlabeled,
            bucketEncryption: diagnosis.bucketEncryption.map {
                ModelArtsAPI.BucketEncryption(algorithm: $0.algorithm.rawValue, kmsKeyId: $0.kmsKeyId, since: $0.since.map(ModelArtsAPI.milliseconds))
            },
            encryptionIsCause: diagnosis.encryptionIsCause,
            groups: diagnosis.groups.map { group in
                ModelArtsAPI.DiagnosisGroup(
                    cause: Self.cause(group.cause),
                    explanation: group.explanation,
                    sampleCount: group.sampleCount,
                    kmsKeyId: group.kmsKeyId,
                    kmsKeyAliases: group.cause == .encryptedKMS ? group.kmsKeyAliases : nil,
                    principal: group.isEncryption || group.cause == .unreadable || group.cause == .accessDenied ? group.principal : nil,
                    deniedBy: group.accessDenial?.because,
                    policyStatement: group.accessDenial?.statement,
                    remediations: group.remediations.isEmpty ? nil : group.remediations.map(ModelArtsAPI.Remediation.init),
                    samples: group.samples.map { sample in
                        ModelArtsAPI.DiagnosedSample(
                            sampleId: sample.sampleId,
                            source: "obs://\(sample.bucket)/\(sample.key)",
                            line: sample.line,
                            sidecar: sample.sidecarKey,
                            message: sample.message,
                            position: sample.position,
                            storageErrorCode: sample.storageErrorCode
                        )
                    }
                )
            },
            remediations: diagnosis.remediations.map(ModelArtsAPI.Remediation.init),
            oldLabelFiles: diagnosis.oldLabelFiles.map {
                ModelArtsAPI.OldLabelFile(
                    sampleId: $0.sampleId,
                    source: $0.source,
                    labelFile: $0.labelFile,
                    deletedBy: $0.deletedBy,
                    deletedAt: ModelArtsAPI.milliseconds($0.deletedAt)
                )
            },
            notes: diagnosis.notes
        )
    }

    static func cause(_ cause: DiagnosisGroup.Cause) -> String {
        switch cause {
        case .noLabelFile: "no_label_file"
        case .encryptedKMS: "encrypted_kms"
        case .encryptedCustomerKey: "encrypted_customer_key"
        case .accessDenied: "access_denied"
        case .unreadable: "unreadable"
        case .malformed: "malformed"
        case .labelsOfAnotherType: "labels_of_another_type"
        case .clearedByUser: "labels_cleared"
        case .deletedWithDefaultJob: "labels_deleted_with_default_job"
        }
    }
}

extension ModelArtsAPI.Remediation {
    /// A fix as the API shows it: the `obslab` command that does it, with its arguments.
    init(_ remediation: Labeling.Remediation) {
        let service = AccessDenial.labelingService
        let command =
            switch remediation.action {
            case .copyToNewBucket(let bucket): "obslab remediate new-bucket \(remediation.datasetName) --bucket \(bucket)"
            case .disableBucketEncryption: "obslab remediate disable-encryption \(remediation.datasetName)"
            case .removePolicyStatement(let bucket, let statement): "obslab policy remove-statement \(bucket) \(statement)"
            case .addAgencyRule(let bucket, let prefix, let access): "obslab agency add \(bucket)/\(prefix):\(access.rawValue)"
            case .grantObjectRead(let bucket, let key): "obslab acl set \(bucket) \(key) --grant read=\(service)"
            case .allowInBucketPolicy(let bucket, _): "obslab policy show \(bucket)"
            case .explainAccess(let bucket, let key): "obslab policy \(bucket) \(key) --principal \(service) --action s3:GetObject"
            case .rereadDeletedLabels: "obslab sync \(remediation.datasetName) --reread-deleted-labels"
            }
        self.init(command: command, description: remediation.description)
    }
}
