import Hummingbird
import Labeling
import ObslabAPI

extension LabelingEndpoints {
    @Sendable func diagnoseDataset(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let diagnosis = try await service.diagnose(datasetId: try context.parameters.require("dataset_id"))
        return try Self.json(ModelArtsAPI.Diagnosis(diagnosis))
    }

    /// Changes the input path (obslab's `data_sources`) and the description; label changes are not supported here.
    @Sendable func updateDataset(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let datasetId = try context.parameters.require("dataset_id")
        let body = try await Self.decode(ModelArtsAPI.UpdateDataset.self, from: request)
        _ = try await service.dataset(id: datasetId)
        if let sources = body.dataSources {
            guard sources.count == 1, let dataPath = sources[0].dataPath else {
                throw ModelArtsError.invalidParameter("data_sources", "must hold one data source with a data_path")
            }
            try await service.updateDataset(id: datasetId, inputPath: try OBSPath.obsURL(dataPath, field: "data_sources[0].data_path"))
        }
        if let description = body.description {
            try await service.updateDataset(id: datasetId, description: description)
        }
        return try Self.json(ModelArtsAPI.CreateDatasetResponse(datasetId: datasetId))
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
                    principal: group.isEncryption || group.cause == .unreadable ? group.principal : nil,
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
            remediations: diagnosis.remediations.map { ModelArtsAPI.Remediation(command: $0.command, description: $0.description) },
            notes: diagnosis.notes
        )
    }

    static func cause(_ cause: DiagnosisGroup.Cause) -> String {
        switch cause {
        case .noLabelFile: "no_label_file"
        case .encryptedKMS: "encrypted_kms"
        case .encryptedCustomerKey: "encrypted_customer_key"
        case .unreadable: "unreadable"
        case .malformed: "malformed"
        case .labelsOfAnotherType: "labels_of_another_type"
        case .clearedByUser: "labels_cleared"
        }
    }
}
