import Foundation
import GRDB

/// A published version; its samples are `versionSample` rows.
struct DatasetVersionRecord: CatalogRecord {
    static let databaseTableName = "datasetVersion"

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let datasetId = Column(CodingKeys.datasetId)
        static let name = Column(CodingKeys.name)
        static let createdAt = Column(CodingKeys.createdAt)
    }

    var id: String
    var datasetId: String
    var name: String
    var description: String
    var previousVersionId: String?
    var manifestBucket: String
    var manifestKey: String
    var totalSampleCount: Int
    var annotatedSampleCount: Int
    var addedSampleCount: Int
    var modifiedSampleCount: Int
    var deletedSampleCount: Int
    var labelStatistics: [VersionLabelStatistic]
    var hasMultiLabelSamples: Bool
    var createdAt: Date
    var clearsHardExamples: Bool
    var trainingShare: Double

    init(_ version: DatasetVersion, manifestBucket: String, manifestKey: String) {
        id = version.id
        datasetId = version.datasetId
        name = version.name
        description = version.description
        previousVersionId = version.previousVersionId
        self.manifestBucket = manifestBucket
        self.manifestKey = manifestKey
        totalSampleCount = version.totalSampleCount
        annotatedSampleCount = version.annotatedSampleCount
        addedSampleCount = version.addedSampleCount
        modifiedSampleCount = version.modifiedSampleCount
        deletedSampleCount = version.deletedSampleCount
        labelStatistics = version.labelStatistics
        hasMultiLabelSamples = version.hasMultiLabelSamples
        createdAt = version.createdAt
        clearsHardExamples = version.clearsHardExamples
        trainingShare = version.trainingShare
    }

    func version(isCurrent: Bool) -> DatasetVersion {
        DatasetVersion(
            id: id,
            datasetId: datasetId,
            name: name,
            description: description,
            previousVersionId: previousVersionId,
            manifestPath: "obs://\(manifestBucket)/\(manifestKey)",
            totalSampleCount: totalSampleCount,
            annotatedSampleCount: annotatedSampleCount,
            addedSampleCount: addedSampleCount,
            modifiedSampleCount: modifiedSampleCount,
            deletedSampleCount: deletedSampleCount,
            labelStatistics: labelStatistics,
            isCurrent: isCurrent,
            createdAt: createdAt,
            clearsHardExamples: clearsHardExamples,
            trainingShare: trainingShare,
            hasMultiLabelSamples: hasMultiLabelSamples
        )
    }
}
