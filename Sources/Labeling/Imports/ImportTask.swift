import Foundation

/// One "Add data" or import of a dataset, as its history ("View historical records", ModelArts import tasks) shows it.
public struct ImportTask: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Files sent with the request, written under the dataset's input path ("Add data").
        case add
        /// A folder inside the input path, taken in by a sync: obslab copies no data.
        case folder
        /// A manifest whose entries under the input path become samples, with their labels.
        case manifest
    }

    public enum Status: String, Sendable, Hashable {
        case running
        case completed
        case failed
    }

    /// A file or manifest line that did not become a sample.
    public typealias Skipped = SkippedItem

    public var id: String
    public var datasetId: String
    public var kind: Kind
    /// `obs://…`: the folder or manifest imported; for an add, the input path the files were written to.
    public var path: String
    public var status: Status
    /// What the import was given: the files sent, the manifest's lines, or the samples under the folder afterwards.
    public var totalSampleCount: Int
    /// Samples created (or, by a manifest, given their labels). A text file's lines are its samples.
    public var importedSampleCount: Int
    /// Imported samples that have labels.
    public var annotatedSampleCount: Int
    /// Files or lines left out; `skipped` details the first `LabelingService.maxSkippedDetails` of them.
    public var skippedCount: Int
    public var skipped: [Skipped]
    /// Who asked for it.
    public var author: String?
    public var createdAt: Date
    public var finishedAt: Date?
    /// Why it failed.
    public var error: LabelingError?
}

extension ImportTask {
    /// A new task, running.
    init(id: String, datasetId: String, kind: Kind, path: String, author: String?, createdAt: Date) {
        self.init(
            id: id,
            datasetId: datasetId,
            kind: kind,
            path: path,
            status: .running,
            totalSampleCount: 0,
            importedSampleCount: 0,
            annotatedSampleCount: 0,
            skippedCount: 0,
            skipped: [],
            author: author,
            createdAt: createdAt
        )
    }

    /// The task as the history shows it: one recorded as running that no import of this process (`running`) runs was
    /// cut short by a stop.
    func interrupted(unless running: Set<String>) -> ImportTask {
        guard status == .running, !running.contains(id) else { return self }
        var task = self
        task.status = .failed
        task.error = .interruptedImport
        return task
    }
}
