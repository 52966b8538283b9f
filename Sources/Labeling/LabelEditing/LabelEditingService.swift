import Foundation
import LabelFormats
import Logging

/// "Modifying Labeled Data": users set the labels of samples, of a dataset or of one of its labeling jobs.
///
/// Edited labels keep the label file key and ETag the last sync saw, so a sync leaves them alone while that file is
/// unchanged and replaces them when it changes (a changed label file is the newer truth). Every change records its
/// author and time (`labeledBy`, `labeledAt`); `labelSource` is cleared, since the labels no longer come from a file.
struct LabelEditingService: Sendable {
    let catalog: LabelingCatalog
    let logger: Logger

    /// The author of label changes made by a caller who gives no name.
    static let defaultAuthor = "obslab"

    /// The most samples one update may name.
    static let maxSampleUpdates = 1000

    func updateSampleLabels(
        datasetId: String, jobId: String?, _ updates: [SampleLabelUpdate], author: String
    ) async throws
        -> [SampleUpdateResult]
    {
        try Validation.checkAuthor(author)
        guard (1...Self.maxSampleUpdates).contains(updates.count) else {
            throw LabelingError.invalidArgument("An update must name 1 to \(Self.maxSampleUpdates) samples, not \(updates.count)")
        }
        let kind = try await catalog.dataset(id: datasetId).kind
        var ownJobId: String?
        if let jobId {
            let job = try await catalog.job(id: jobId, datasetId: datasetId)
            ownJobId = job.isDefault ? nil : job.id
        }
        let checked = try updates.map {
            SampleLabelUpdate(sampleId: $0.sampleId, annotations: try LabelEdit.checked($0.annotations, kind: kind), hard: $0.hard)
        }
        let found = try await catalog.setSampleLabels(
            checked,
            datasetId: datasetId,
            ownJobId: ownJobId,
            kind: kind,
            edit: LabelEdit(author: author, date: Date())
        )
        let results = updates.map { update in
            SampleUpdateResult(sampleId: update.sampleId, error: found.contains(update.sampleId) ? nil : .sampleNotFound(update.sampleId))
        }
        logger.info(
            "Updated sample labels",
            metadata: [
                "labeling.dataset": "\(datasetId)", "labeling.job": "\(jobId ?? "-")", "labeling.author": "\(author)",
                "labeling.samples": "\(results.filter { $0.error == nil }.count)",
            ]
        )
        return results
    }
}
