import Foundation
import Logging

/// Datasets and their labeling jobs: creation, settings, deletion.
struct DatasetService: Sendable {
    let catalog: LabelingCatalog
    let logger: Logger
    let syncs: SyncCoordinator

    func createDataset(_ spec: DatasetSpec) async throws -> Dataset {
        try Validation.checkName(spec.name, what: "dataset name", maxLength: 100)
        try Validation.checkDescription(spec.description)
        let input = try StoragePath(parsing: spec.inputPath, field: "input path")
        let output = try StoragePath(parsing: spec.outputPath, field: "output path")
        if output.isWithin(input) {
            throw LabelingError.invalidArgument("The output path \(output) must not be the input path \(input) or inside it")
        }
        try LabelRules.check(spec.labels, kind: spec.kind, existing: [])
        let now = Date()
        let dataset = Dataset(
            id: Identifier.make(),
            name: spec.name,
            kind: spec.kind,
            inputBucket: input.bucket,
            inputPrefix: input.prefix,
            outputPath: output.description,
            description: spec.description,
            labels: spec.labels,
            createdAt: now,
            updatedAt: now,
            defaultJobId: Identifier.make(),
            counts: .zero
        )
        try await catalog.createDataset(dataset)
        logger.info("Created dataset", metadata: ["labeling.dataset": "\(dataset.id)", "labeling.name": "\(spec.name)"])
        return try await catalog.dataset(id: dataset.id)
    }

    func list(_ query: DatasetQuery, offset: Int, limit: Int) async throws -> (datasets: [Dataset], total: Int) {
        try await catalog.datasets(query, offset: offset, limit: limit)
    }

    func dataset(id: String) async throws -> Dataset {
        try await catalog.dataset(id: id)
    }

    func dataset(named name: String) async throws -> Dataset {
        try await catalog.dataset(named: name)
    }

    func activity(id: String) async throws -> DatasetActivity {
        try await catalog.activity(datasetId: id)
    }

    func deleteDataset(id: String) async throws {
        try await catalog.deleteDataset(id: id)
        logger.info("Deleted dataset", metadata: ["labeling.dataset": "\(id)"])
    }

    func updateDataset(id: String, inputPath: String) async throws -> Dataset {
        let input = try StoragePath(parsing: inputPath, field: "input path")
        let output = try StoragePath(parsing: try await catalog.dataset(id: id).outputPath, field: "output path")
        if output.isWithin(input) {
            throw LabelingError.invalidArgument("The output path \(output) must not be the input path \(input) or inside it")
        }
        try await catalog.changeInputPath(datasetId: id, to: input, at: Date())
        logger.info("Changed the input path of a dataset", metadata: ["labeling.dataset": "\(id)", "labeling.input": "\(input)"])
        return try await catalog.dataset(id: id)
    }

    /// Name, description and current version, already checked (`DatasetUpdate.check`).
    func updateSettings(id: String, _ update: DatasetUpdate) async throws {
        try await catalog.updateSettings(datasetId: id, update, at: Date())
        logger.info("Updated dataset settings", metadata: ["labeling.dataset": "\(id)"])
    }

    func createJob(datasetId: String, name: String) async throws -> LabelingJob {
        try Validation.checkName(name, what: "labeling job name", maxLength: 64)
        let job = LabelingJob(id: Identifier.make(), datasetId: datasetId, name: name, isDefault: false, createdAt: Date())
        try await catalog.createJob(job)
        return job
    }

    func job(id: String, datasetId: String) async throws -> LabelingJob {
        try await catalog.job(id: id, datasetId: datasetId)
    }

    func updateJob(id: String, datasetId: String, name: String?, description: String?) async throws -> LabelingJob {
        if let name { try Validation.checkName(name, what: "labeling job name", maxLength: 64) }
        if let description { try Validation.checkDescription(description) }
        let job = try await catalog.updateJob(id: id, datasetId: datasetId, name: name, description: description, at: Date())
        logger.info("Updated a labeling job", metadata: ["labeling.dataset": "\(datasetId)", "labeling.job": "\(id)"])
        return job
    }

    /// Deletes a job; the default job takes the dataset's labels with it (after any running sync, which would otherwise
    /// write labels back).
    /// - Returns: how many samples lost their labels (0 for a job other than the default).
    func deleteJob(id: String, datasetId: String, author: String) async throws -> Int {
        guard try await catalog.job(id: id, datasetId: datasetId).isDefault else {
            try await catalog.deleteJob(id: id, datasetId: datasetId)
            logger.info("Deleted a labeling job", metadata: ["labeling.dataset": "\(datasetId)", "labeling.job": "\(id)"])
            return 0
        }
        let edit = LabelEdit(author: author, date: Date())
        let lost = try await syncs.exclusive(datasetId: datasetId) {
            try await self.catalog.deleteDefaultJob(id: id, datasetId: datasetId, newJobId: Identifier.make(), edit: edit)
        }
        logger.notice(
            "Deleted the default labeling job, and the dataset's labels with it",
            metadata: ["labeling.dataset": "\(datasetId)", "labeling.job": "\(id)", "labeling.samples": "\(lost)", "labeling.author": "\(author)"]
        )
        return lost
    }

    func jobs(datasetId: String) async throws -> [LabelingJob] {
        try await catalog.jobs(datasetId: datasetId)
    }
}
