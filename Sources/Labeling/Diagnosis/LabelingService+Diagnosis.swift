import Foundation

extension LabelingService {
    /// ModelArts's error for a dataset on a KMS-encrypted bucket.
    public static let kmsUnsupportedErrorCode = "ModelArts.4826"

    /// Groups the dataset's unlabeled samples by why the last sync left them unlabeled, and names the fixes.
    ///
    /// Encryption is blamed only for label files the storage refused to decrypt; a bucket whose default encryption
    /// the labeling service can read through (SSE-S3) is reported as not the cause.
    /// - Throws: `LabelingError.datasetNotFound`.
    public func diagnose(datasetId: String) async throws -> DatasetDiagnosis {
        let dataset = try await dataset(id: datasetId)
        var unlabeled: [Sample] = []
        while true {
            let page = try await listSamples(datasetId: datasetId, jobId: nil, state: .unlabeled, offset: unlabeled.count, limit: 1000)
            unlabeled += page.samples
            if page.samples.isEmpty || unlabeled.count >= page.total { break }
        }
        let bucketEncryption = try? await storage.defaultEncryption(bucket: dataset.inputBucket)

        var groups: [GroupKey: DiagnosisGroup] = [:]
        for sample in unlabeled {
            let reason = sample.unlabeledReason
            let cause = Self.cause(of: reason)
            let keyId = cause == .encryptedKMS ? reason?.kmsKeyId : nil
            let diagnosed = DiagnosedSample(
                sampleId: sample.id,
                bucket: sample.bucket,
                key: sample.key,
                line: sample.line,
                sidecarKey: reason?.sidecarKey,
                message: reason?.message ?? "The sample has no labels",
                position: reason?.position,
                storageErrorCode: reason?.storageErrorCode
            )
            groups[GroupKey(cause: cause, kmsKeyId: keyId), default: DiagnosisGroup(
                cause: cause,
                explanation: "",
                kmsKeyId: keyId,
                kmsKeyAliases: [],
                principal: reason?.principal,
                samples: []
            )].samples.append(diagnosed)
        }
        var ordered = Array(groups.values)
        for index in ordered.indices {
            if let keyId = ordered[index].kmsKeyId, let key = await storage.describeKey(keyId) {
                ordered[index].kmsKeyAliases = key.aliases
            }
            ordered[index].explanation = Self.explanation(ordered[index], bucketEncryption: bucketEncryption)
        }
        let causes = DiagnosisGroup.Cause.allCases
        ordered.sort { first, second in
            guard first.sampleCount == second.sampleCount else { return first.sampleCount > second.sampleCount }
            guard first.cause == second.cause else { return causes.firstIndex(of: first.cause)! < causes.firstIndex(of: second.cause)! }
            return (first.kmsKeyId ?? "") < (second.kmsKeyId ?? "")
        }
        let encryptionIsCause = ordered.contains(where: \.isEncryption)
        return DatasetDiagnosis(
            datasetId: dataset.id,
            datasetName: dataset.name,
            inputPath: dataset.inputPath,
            counts: dataset.counts,
            bucketEncryption: bucketEncryption,
            encryptionIsCause: encryptionIsCause,
            groups: ordered,
            remediations: ordered.contains { $0.cause == .encryptedKMS } ? Self.remediations(dataset) : [],
            notes: Self.notes(dataset, groups: ordered, bucketEncryption: bucketEncryption)
        )
    }

    private struct GroupKey: Hashable {
        var cause: DiagnosisGroup.Cause
        var kmsKeyId: String?
    }

    /// The cause behind a sync's reason: a refusal by the KMS, or the S3 answer to reading an SSE-C object without
    /// its key, is encryption; any other refusal is not.
    static func cause(of reason: UnlabeledReason?) -> DiagnosisGroup.Cause {
        guard let reason else { return .noLabelFile }
        switch reason.code {
        case .noSidecar: return .noLabelFile
        case .sidecarMalformed: return .malformed
        case .labelsOfAnotherType: return .labelsOfAnotherType
        case .clearedByUser: return .clearedByUser
        case .sidecarUnreadable:
            let code = reason.storageErrorCode ?? ""
            if code.hasPrefix("KMS.") { return .encryptedKMS }
            if code == "InvalidRequest" && reason.message.contains("Server Side Encryption") { return .encryptedCustomerKey }
            return .unreadable
        }
    }

    static func explanation(_ group: DiagnosisGroup, bucketEncryption: DefaultEncryption?) -> String {
        switch group.cause {
        case .noLabelFile:
            return "No label file next to the raw file: these samples were never labeled in OBS."
        case .encryptedKMS:
            let key = ([group.kmsKeyId ?? "unknown"] + group.kmsKeyAliases.map { "alias/\($0)" }).joined(separator: ", ")
            var text = "The label file is encrypted with SSE-KMS (key \(key)) and the KMS refused to decrypt it for "
                + "\(group.principal ?? "the labeling service"): the labeling service has no grant on the key."
            if let bucketEncryption, bucketEncryption.algorithm == .kms {
                let since = bucketEncryption.since.map { " since \(Self.timestamp($0))" } ?? ""
                text += " The bucket encrypts new objects with SSE-KMS by default\(since)."
            }
            return text
        case .encryptedCustomerKey:
            return "The label file is encrypted with SSE-C (a customer-provided key): only the holder of that key can read it, "
                + "never the labeling service."
        case .unreadable:
            return "The storage refused to give the label file to the labeling service."
        case .malformed:
            return "The label file was read but holds no usable labels."
        case .labelsOfAnotherType:
            return "The label file holds labels of another labeling type than the dataset's."
        case .clearedByUser:
            return "A user removed every label of these samples; a sync labels them again only when their label file changes."
        }
    }

    static func remediations(_ dataset: Dataset) -> [Remediation] {
        [
            Remediation(
                command: "obslab remediate new-bucket \(dataset.name) --bucket \(dataset.inputBucket)-plain",
                description: "Copy the input path, decrypted, into a new unencrypted bucket, point the dataset at it and sync "
                    + "(the original bucket is left untouched)."
            ),
            Remediation(
                command: "obslab remediate disable-encryption \(dataset.name)",
                description: "Delete the bucket's default encryption, rewrite every encrypted object of the input path as "
                    + "plaintext in place, and sync."
            ),
        ]
    }

    static func notes(_ dataset: Dataset, groups: [DiagnosisGroup], bucketEncryption: DefaultEncryption?) -> [String] {
        var notes: [String] = []
        if groups.contains(where: { $0.cause == .encryptedKMS }) {
            notes.append(
                "ModelArts does not support KMS-encrypted OBS buckets (error \(kmsUnsupportedErrorCode)): "
                    + "create a bucket and upload the data again, or disable the bucket encryption and upload the data again."
            )
            if bucketEncryption == nil {
                notes.append(
                    "The bucket has no default encryption now, but deleting it does not decrypt objects already stored: "
                        + "they must be uploaded again."
                )
            }
        }
        if groups.contains(where: { $0.cause == .encryptedCustomerKey }) {
            notes.append(
                "SSE-C objects cannot be copied or rewritten without their customer key: upload them again without SSE-C."
            )
        }
        if let bucketEncryption, !groups.contains(where: \.isEncryption) {
            let what = bucketEncryption.algorithm == .kms ? "SSE-KMS" : "SSE-S3 (\(bucketEncryption.algorithm.rawValue))"
            notes.append(
                "Encryption is not the cause: the bucket's default encryption is \(what), and the labeling service read "
                    + "every label file it found."
            )
        }
        if groups.isEmpty {
            notes.append(
                dataset.counts.all == 0
                    ? "The dataset has no samples: sync it first." : "Every sample of the dataset is labeled."
            )
        }
        return notes
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
