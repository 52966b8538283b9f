import Foundation
import LabelFormats
import Logging

/// "Label Management": rename, recolor and delete the labels of a dataset's label set, on every sample that carries
/// them (the dataset's labels and its labeling jobs' own). Published versions keep the labels they froze.
struct LabelManagementService: Sendable {
    let catalog: LabelingCatalog
    let logger: Logger
    /// Policies 1 and 2 delete samples as a sample deletion does.
    let deletion: DeletionService

    func labels(datasetId: String) async throws -> [LabelStatistic] {
        try await catalog.labelStatistics(datasetId: datasetId)
    }

    func addLabels(datasetId: String, _ labels: [Label]) async throws {
        try await catalog.addLabels(labels, datasetId: datasetId, at: Date())
    }

    func updateLabels(datasetId: String, _ changes: [LabelChange], author: String) async throws {
        try Validation.checkAuthor(author)
        guard !changes.isEmpty else { throw LabelingError.invalidArgument("Name at least one label to change") }
        let renamed = try await catalog.changeLabels(changes, datasetId: datasetId, edit: LabelEdit(author: author, date: Date()))
        logger.info(
            "Changed labels",
            metadata: [
                "labeling.dataset": "\(datasetId)", "labeling.labels": "\(changes.map(\.name))", "labeling.author": "\(author)",
                "labeling.relabeledSamples": "\(renamed)",
            ]
        )
    }

    func labelDeletionPlan(datasetId: String, names: [String], policy: LabelDeletionPolicy) async throws -> LabelDeletionReport {
        let (names, sampleIds) = try await labelDeletionTargets(datasetId: datasetId, names: names, policy: policy)
        var impact: DeletionImpact?
        for chunk in Self.chunks(of: sampleIds) {
            let part = try await deletion.deletionImpact(
                datasetId: datasetId, sampleIds: chunk, deleteSource: policy == .samplesAndSourceFiles, keepLabelFiles: false)
            impact = impact.map { $0.merging(part) } ?? part
        }
        return LabelDeletionReport(results: names.map { LabelDeletionResult(name: $0, error: nil) }, sampleIds: sampleIds, impact: impact)
    }

    func deleteLabels(datasetId: String, names: [String], policy: LabelDeletionPolicy, author: String) async throws -> LabelDeletionReport {
        try Validation.checkAuthor(author)
        let (names, sampleIds) = try await labelDeletionTargets(datasetId: datasetId, names: names, policy: policy)
        var impact: DeletionImpact?
        var deleted: [String] = []
        var failures: [String: LabelingError] = [:]
        for chunk in Self.chunks(of: sampleIds) {
            let report = try await deletion.deleteSamples(
                datasetId: datasetId, sampleIds: chunk, deleteSource: policy == .samplesAndSourceFiles, keepLabelFiles: false)
            impact = impact.map { $0.merging(report.impact) } ?? report.impact
            for result in report.results {
                if let error = result.error { failures[result.sampleId] = error } else { deleted.append(result.sampleId) }
            }
        }
        let results = try await catalog.deleteLabels(names, datasetId: datasetId, keeping: failures, edit: LabelEdit(author: author, date: Date()))
        logger.info(
            "Deleted labels",
            metadata: [
                "labeling.dataset": "\(datasetId)", "labeling.labels": "\(names)", "labeling.policy": "\(policy.rawValue)",
                "labeling.deletedSamples": "\(deleted.count)", "labeling.author": "\(author)",
            ]
        )
        return LabelDeletionReport(results: results, sampleIds: deleted, impact: impact)
    }

    /// The labels (checked to exist, duplicates dropped) and, for policies 1 and 2, the dataset samples whose every
    /// label is among them, in key order.
    private func labelDeletionTargets(
        datasetId: String, names: [String], policy: LabelDeletionPolicy
    ) async throws
        -> (names: [String], sampleIds: [String])
    {
        guard !names.isEmpty else { throw LabelingError.invalidArgument("Name at least one label to delete") }
        var seen = Set<String>()
        let names = names.filter { seen.insert($0).inserted }
        return (names, try await catalog.labelDeletionTargets(names, datasetId: datasetId, withSamples: policy != .labelOnly))
    }

    /// Sample ids in the slices one sample deletion takes.
    private static func chunks(of ids: [String]) -> [[String]] {
        let limit = DeletionService.maxSamplesPerDeletion
        return stride(from: 0, to: ids.count, by: limit).map { Array(ids[$0..<min($0 + limit, ids.count)]) }
    }
}
