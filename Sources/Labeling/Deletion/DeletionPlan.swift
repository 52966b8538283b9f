import Foundation
import LabelFormats

/// A sample deletion worked out from the catalog before anything is deleted: which requested samples exist, which
/// source files they are on, and who else refers to those files.
struct DeletionPlan: Sendable {
    var dataset: Dataset
    /// Requested ids in request order (duplicates dropped), with the sample when the dataset has it.
    var requested: [(id: String, sample: SampleEntry?)]
    /// False for a text dataset whatever was asked: its samples are lines of files other samples share.
    var deletesSource: Bool
    var sourceFiles: [SourceFileImpact]
    /// The label files of the samples whose source files go (none without `deletesSource`).
    var labelFiles: [SourceFileImpact]
    /// Whether the label files stay when their source files go.
    var keepsLabelFiles: Bool
    /// Filled by the catalog when the files go with the samples.
    var otherDatasets: [AffectedDataset] = []
    var versions: [AffectedVersion] = []

    /// - Parameter found: the samples of the dataset among `sampleIds`.
    init(dataset: Dataset, sampleIds: [String], found: [SampleEntry], deleteSource: Bool, keepLabelFiles: Bool = false) {
        self.dataset = dataset
        var seen = Set<String>()
        let byId = Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        requested = sampleIds.filter { seen.insert($0).inserted }.map { ($0, byId[$0]) }
        deletesSource = deleteSource && dataset.kind != .textClassification
        keepsLabelFiles = keepLabelFiles
        let samples = requested.compactMap(\.sample)
        sourceFiles = Self.files(of: samples) { $0.key }
        // A label file is the sample's own only when it is not the raw file itself (a text file in the one-file form).
        labelFiles = deletesSource ? Self.files(of: samples) { $0.sidecarKey == $0.key ? nil : $0.sidecarKey } : []
    }

    /// The files `key` names for the samples, each once with the samples on it, in the samples' order.
    private static func files(of samples: [SampleEntry], key: (SampleEntry) -> String?) -> [SourceFileImpact] {
        var files: [SourceFileImpact] = []
        var fileIndex: [SourceFile: Int] = [:]
        for sample in samples {
            guard let key = key(sample) else { continue }
            let file = SourceFile(bucket: sample.bucket, key: key)
            if let index = fileIndex[file] {
                files[index].sampleIds.append(sample.id)
            } else {
                fileIndex[file] = files.count
                files.append(SourceFileImpact(bucket: sample.bucket, key: key, sampleIds: [sample.id]))
            }
        }
        return files
    }

    var impact: DeletionImpact {
        DeletionImpact(
            datasetId: dataset.id,
            datasetName: dataset.name,
            deleteSource: deletesSource,
            sourceFiles: sourceFiles,
            labelFiles: labelFiles,
            keepLabelFiles: keepsLabelFiles,
            otherDatasets: otherDatasets,
            versions: versions
        )
    }
}
