import Foundation

/// Why a dataset's samples are unlabeled, from what the last sync recorded of each, and what fixes it.
struct DiagnosisService: Sendable {
    let catalog: LabelingCatalog
    let storage: any ObjectStorage

    /// ModelArts's error for a dataset on a KMS-encrypted bucket, which the diagnosis's note names.
    static let kmsUnsupportedErrorCode = "ModelArts.4826"

    func diagnose(datasetId: String) async throws -> DatasetDiagnosis {
        let dataset = try await catalog.dataset(id: datasetId)
        var unlabeled: [Sample] = []
        while true {
            let page = try await catalog.samples(
                of: datasetId,
                jobId: nil,
                matching: SampleFilter(state: .unlabeled),
                offset: unlabeled.count,
                limit: 1000
            )
            unlabeled += page.samples
            if page.samples.isEmpty || unlabeled.count >= page.total { break }
        }
        let bucketEncryption = try? await storage.defaultEncryption(bucket: dataset.inputBucket)

        var groups: [GroupKey: DiagnosisGroup] = [:]
        for sample in unlabeled {
            let reason = sample.unlabeledReason
            let cause = Self.cause(of: reason)
            let keyId = cause == .encryptedKMS ? reason?.kmsKeyId : nil
            let denial = cause == .accessDenied ? reason?.accessDenial : nil
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
            let key = GroupKey(cause: cause, kmsKeyId: keyId, denialCause: denial?.cause, statement: denial?.statement, bucket: denial?.bucket)
            groups[
                key,
                default: DiagnosisGroup(
                    cause: cause,
                    explanation: "",
                    kmsKeyId: keyId,
                    kmsKeyAliases: [],
                    principal: reason?.principal,
                    accessDenial: denial,
                    samples: []
                )
            ].samples.append(diagnosed)
        }
        var ordered = Array(groups.values)
        for index in ordered.indices {
            if let keyId = ordered[index].kmsKeyId, let key = await storage.describeKey(keyId) {
                ordered[index].kmsKeyAliases = key.aliases
            }
            ordered[index].explanation = Self.explanation(ordered[index], bucketEncryption: bucketEncryption)
            if let denial = ordered[index].accessDenial {
                ordered[index].remediations = Self.remediations(denial, dataset: dataset)
            } else if ordered[index].cause == .deletedWithDefaultJob {
                ordered[index].remediations = [
                    Remediation(
                        action: .rereadDeletedLabels,
                        datasetName: dataset.name,
                        description: "Sync, reading again the label files of these samples: their labels come back from OBS "
                            + "(labels that were set only in obslab are gone for good)."
                    )
                ]
            }
        }
        let causes = DiagnosisGroup.Cause.allCases
        ordered.sort { first, second in
            guard first.sampleCount == second.sampleCount else { return first.sampleCount > second.sampleCount }
            guard first.cause == second.cause else { return causes.firstIndex(of: first.cause)! < causes.firstIndex(of: second.cause)! }
            guard first.kmsKeyId == second.kmsKeyId else { return (first.kmsKeyId ?? "") < (second.kmsKeyId ?? "") }
            return (first.accessDenial?.statement ?? "") < (second.accessDenial?.statement ?? "")
        }
        let encryptionIsCause = ordered.contains(where: \.isEncryption)
        let lastSync = try? await catalog.lastSync(datasetId: datasetId)
        return DatasetDiagnosis(
            datasetId: dataset.id,
            datasetName: dataset.name,
            inputPath: dataset.inputPath,
            counts: dataset.counts,
            bucketEncryption: bucketEncryption,
            encryptionIsCause: encryptionIsCause,
            groups: ordered,
            remediations: ordered.contains { $0.cause == .encryptedKMS } ? Self.remediations(dataset) : [],
            oldLabelFiles: try await catalog.samplesLabeledByOldLabelFiles(datasetId: datasetId),
            notes: Self.notes(dataset, groups: ordered, bucketEncryption: bucketEncryption, lastSync: lastSync)
        )
    }

    private struct GroupKey: Hashable {
        var cause: DiagnosisGroup.Cause
        var kmsKeyId: String?
        var denialCause: AccessDenial.Cause?
        var statement: String?
        var bucket: String?
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
        case .deletedWithDefaultJob: return .deletedWithDefaultJob
        case .accessDenied: return .accessDenied
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
            var text =
                "The label file is encrypted with SSE-KMS (key \(key)) and the KMS refused to decrypt it for "
                + "\(group.principal ?? "the labeling service"): the labeling service has no grant on the key."
            if let bucketEncryption, bucketEncryption.algorithm == .kms {
                let since = bucketEncryption.since.map { " since \(Self.timestamp($0))" } ?? ""
                text += " The bucket encrypts new objects with SSE-KMS by default\(since)."
            }
            return text
        case .encryptedCustomerKey:
            return "The label file is encrypted with SSE-C (a customer-provided key): only the holder of that key can read it, "
                + "never the labeling service."
        case .accessDenied:
            let because = group.accessDenial?.because ?? "the storage denied access"
            return "The labeling service (\(group.principal ?? AccessDenial.labelingService)) may not read these label files: "
                + "\(because). This is a permission refusal, not encryption: the files are read once the service is allowed."
        case .unreadable:
            return "The storage refused to give the label file to the labeling service."
        case .malformed:
            return "The label file was read but holds no usable labels."
        case .labelsOfAnotherType:
            return "The label file holds labels of another labeling type than the dataset's."
        case .clearedByUser:
            return "A user removed every label of these samples; a sync labels them again only when their label file changes."
        case .deletedWithDefaultJob:
            return "The dataset's default labeling job was deleted, and its labels with it: this is why ModelArts image labels "
                + "are lost. A sync does not bring them back, because their label files did not change; the files are still "
                + "in OBS and can be read again."
        }
    }

    static func remediations(_ dataset: Dataset) -> [Remediation] {
        [
            Remediation(
                action: .copyToNewBucket(bucket: "\(dataset.inputBucket)-plain"),
                datasetName: dataset.name,
                description: "Copy the input path, decrypted, into a new unencrypted bucket, point the dataset at it and sync "
                    + "(the original bucket is left untouched)."
            ),
            Remediation(
                action: .disableBucketEncryption,
                datasetName: dataset.name,
                description: "Delete the bucket's default encryption, rewrite every encrypted object of the input path as "
                    + "plaintext in place, and sync."
            ),
        ]
    }

    /// What lets the labeling service read what `denial` refused it, for the dataset's input path.
    static func remediations(_ denial: AccessDenial, dataset: Dataset) -> [Remediation] {
        let bucket = denial.bucket
        // The input path, or the folder of a file outside it (an `annotation-loc` of a manifest).
        let folder = denial.key.lastIndex(of: "/").map { String(denial.key[...$0]) } ?? ""
        let prefix = bucket == dataset.inputBucket ? dataset.inputPrefix : folder
        let path = "obs://\(bucket)/\(prefix)"
        let remediation: Remediation
        switch (denial.cause, denial.statement) {
        case (.bucketPolicy, let statement?):
            remediation = Remediation(
                action: .removePolicyStatement(bucket: bucket, statement: statement),
                datasetName: dataset.name,
                description: "Remove \(denial.statementLabel ?? statement) from the policy of bucket \(bucket), or change it so that it no "
                    + "longer denies \(denial.principal) reading \(path); then sync."
            )
        case (.bucketPolicy, nil), (.unspecified, _):
            remediation = Remediation(
                action: .explainAccess(bucket: bucket, key: denial.key),
                datasetName: dataset.name,
                description: "The storage did not say what denies \(denial.principal): ask what decides its access to "
                    + "obs://\(bucket)/\(denial.key), lift it, then sync."
            )
        case (.outsideAgency, _):
            remediation = Remediation(
                action: .addAgencyRule(bucket: bucket, prefix: prefix, access: .read),
                datasetName: dataset.name,
                description: "Add a rule to the agency of \(denial.principal) that lets it read \(path) (the other rules stay); then sync."
            )
        case (.objectACL, _):
            remediation = Remediation(
                action: .grantObjectRead(bucket: bucket, key: denial.key),
                datasetName: dataset.name,
                description: "The label files belong to \(denial.objectOwner ?? "another principal"), not to the bucket's owner: "
                    + "their owner must grant \(denial.principal) READ in each file's ACL (this one shown); then sync."
            )
        case (.noGrant, _):
            remediation = Remediation(
                action: .allowInBucketPolicy(bucket: bucket, prefix: prefix),
                datasetName: dataset.name,
                description: "Bucket \(bucket) is not the owner's, so the agency cannot open it: its owner must allow "
                    + "\(denial.principal) s3:GetObject and s3:ListBucket on \(path) in the bucket policy; then sync."
            )
        }
        return [remediation]
    }

    static func notes(_ dataset: Dataset, groups: [DiagnosisGroup], bucketEncryption: DefaultEncryption?, lastSync: SyncReport?) -> [String] {
        var notes: [String] = []
        if let error = lastSync?.error, lastSync?.status == .failed {
            notes.append("The last sync failed: \(error.message).")
        }
        let denied = groups.filter { $0.cause == .accessDenied }.reduce(0) { $0 + $1.sampleCount }
        if denied > 0 {
            notes.append(
                "Permissions, not encryption, keep \(denied) sample\(denied == 1 ? "" : "s") unlabeled: the labeling service reads "
                    + "OBS through its agency, and a bucket policy's Deny applies to it like to anyone."
            )
        }
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
