import Foundation
import Logging

/// Published versions: a manifest written to the output path, and the samples frozen in the catalog.
struct VersionService: Sendable {
    let catalog: LabelingCatalog
    let storage: any ObjectStorage
    let logger: Logger

    func publishVersion(datasetId: String, _ spec: VersionSpec) async throws -> DatasetVersion {
        if let name = spec.name { try Validation.checkName(name, what: "version name", maxLength: 32) }
        try Validation.checkDescription(spec.description)
        guard (0...1).contains(spec.trainingShare) else {
            throw LabelingError.invalidArgument("The training share of a version must be between 0 and 1, not \(spec.trainingShare)")
        }
        let snapshot = try await catalog.publishSnapshot(datasetId: datasetId)
        let dataset = snapshot.dataset
        let name = spec.name ?? Self.nextVersionName(after: snapshot.versionNames)
        if snapshot.versionNames.contains(name) {
            throw LabelingError.duplicateName("Dataset \(dataset.name) already has a version named \(name)")
        }
        let output = try StoragePath(parsing: dataset.outputPath, field: "output path")
        let manifest = VersionManifest(
            kind: dataset.kind,
            inputPrefix: dataset.inputPrefix,
            outputBucket: output.bucket,
            folder: output.prefix + "\(dataset.name)-\(dataset.id)/annotation/\(name)/",
            versionName: name,
            keepsHardExamples: !spec.clearsHardExamples,
            trainingShare: spec.trainingShare
        )
        for file in try manifest.files(for: snapshot.samples) {
            do {
                try await storage.writeObject(bucket: output.bucket, key: file.key, bytes: file.bytes, contentType: file.contentType)
            } catch {
                let storageError = StorageError.wrapping(error)
                if let denial = storageError.denial(of: .write, bucket: output.bucket, key: file.key) {
                    throw LabelingError.storageAccessDenied(denial, consequence: "version \(name) was not published")
                }
                let why = storageError.explanation(of: .write, bucket: output.bucket, key: file.key)
                throw LabelingError.publishFailed(
                    "Writing obs://\(output.bucket)/\(file.key) failed: \(why); version \(name) was not published"
                )
            }
        }
        let version = snapshot.version(
            name: name,
            spec: spec,
            manifestPath: "obs://\(output.bucket)/\(manifest.manifestKey)"
        )
        try await catalog.recordVersion(version, manifest: (output.bucket, manifest.manifestKey), samples: snapshot.samples)
        logger.info(
            "Published dataset version",
            metadata: ["labeling.dataset": "\(datasetId)", "labeling.version": "\(name)", "labeling.samples": "\(snapshot.samples.count)"]
        )
        return version
    }

    func listVersions(datasetId: String, offset: Int, limit: Int) async throws -> (versions: [DatasetVersion], total: Int) {
        try await catalog.versions(datasetId: datasetId, offset: offset, limit: limit)
    }

    func version(datasetId: String, versionId: String) async throws -> DatasetVersion {
        try await catalog.version(id: versionId, datasetId: datasetId)
    }

    func deleteVersion(datasetId: String, versionId: String) async throws {
        try await catalog.deleteVersion(id: versionId, datasetId: datasetId)
        logger.info("Deleted dataset version", metadata: ["labeling.dataset": "\(datasetId)", "labeling.version": "\(versionId)"])
    }

    /// `V001`, `V002`, …: one more than the highest `Vnnn` name so far.
    static func nextVersionName(after names: [String]) -> String {
        let digits = String(nextVersionNumber(after: names))
        return "V" + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }

    /// One more than the highest `nnn` of the `Vnnn` names (ModelArts's `next_version_num`).
    static func nextVersionNumber(after names: [String]) -> Int {
        let numbers = names.compactMap { name -> Int? in
            guard name.hasPrefix("V"), name.count >= 4 else { return nil }
            return Int(name.dropFirst())
        }
        return (numbers.max() ?? 0) + 1
    }
}
