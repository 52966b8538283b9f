import Foundation
import GRDB

struct GroupingTaskRecord: CatalogRecord {
    static let databaseTableName = "groupingTask"

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let datasetId = Column(CodingKeys.datasetId)
        static let createdAt = Column(CodingKeys.createdAt)
    }

    var id: String
    var datasetId: String
    /// The `GroupingSpec`, as JSON.
    var spec: GroupingSpec
    /// A `GroupingTask.Status` raw value.
    var status: String
    var totalSampleCount: Int
    var processedSampleCount: Int
    var skippedCount: Int
    var skipped: [GroupingTask.Skipped]
    var groupSizes: [Int]
    var resultFile: String?
    var author: String?
    var errorCode: String?
    var errorMessage: String?
    var createdAt: Date
    var finishedAt: Date?

    init(_ task: GroupingTask) {
        id = task.id
        datasetId = task.datasetId
        spec = task.spec
        status = task.status.rawValue
        totalSampleCount = task.totalSampleCount
        processedSampleCount = task.processedSampleCount
        skippedCount = task.skippedCount
        skipped = task.skipped
        groupSizes = task.groupSizes
        resultFile = task.resultFile
        author = task.author
        errorCode = task.error?.code.rawValue
        errorMessage = task.error?.message
        createdAt = task.createdAt
        finishedAt = task.finishedAt
    }

    var task: GroupingTask {
        GroupingTask(
            id: id,
            datasetId: datasetId,
            spec: spec,
            status: GroupingTask.Status(rawValue: status) ?? .failed,
            totalSampleCount: totalSampleCount,
            processedSampleCount: processedSampleCount,
            skippedCount: skippedCount,
            skipped: skipped,
            groupSizes: groupSizes,
            resultFile: resultFile,
            author: author,
            createdAt: createdAt,
            finishedAt: finishedAt,
            error: errorCode.map { LabelingError(code: LabelingError.Code(rawValue: $0) ?? .internalError, message: errorMessage ?? "") }
        )
    }
}
