extension DeletionImpact {
    /// The impact of two deletions from the same dataset, as one.
    func merging(_ other: DeletionImpact) -> DeletionImpact {
        var merged = self
        merged.sourceFiles += other.sourceFiles
        merged.labelFiles += other.labelFiles
        for dataset in other.otherDatasets {
            if let index = merged.otherDatasets.firstIndex(where: { $0.datasetId == dataset.datasetId }) {
                merged.otherDatasets[index].samples += dataset.samples
            } else {
                merged.otherDatasets.append(dataset)
            }
        }
        for version in other.versions {
            if let index = merged.versions.firstIndex(where: { $0.versionId == version.versionId }) {
                merged.versions[index].sources += version.sources.filter { !merged.versions[index].sources.contains($0) }
            } else {
                merged.versions.append(version)
            }
        }
        merged.otherDatasets.sort { ($0.datasetName, $0.datasetId) < ($1.datasetName, $1.datasetId) }
        merged.versions.sort { ($0.datasetName, $0.versionName, $0.versionId) < ($1.datasetName, $1.versionName, $1.versionId) }
        return merged
    }
}
