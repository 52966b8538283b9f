import Foundation
import GRDB

struct ImportTaskRecord: CatalogRecord {
    static let databaseTableName = "importTask"

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let datasetId = Column(CodingKeys.datasetId)
        static let createdAt = Column(CodingKeys.createdAt)
    }

    var id: String
    var datasetId: String
    /// An `ImportTask.Kind` raw value.
    var kind: String
    var path: String
    /// An `ImportTask.Status` raw value.
    var status: String
    var totalSampleCount: Int
    var importedSampleCount: Int
    var annotatedSampleCount: Int
    var skippedCount: Int
    var skipped: [ImportTask.Skipped]
    var author: String?
    var errorCode: String?
    var errorMessage: String?
    var createdAt: Date
    var finishedAt: Date?

    init(id: String, datasetId: String, kind: ImportTask.Kind, path: String, author: String?, createdAt: Date) {
        self.id = id
        self.datasetId = datasetId
        self.kind = kind.rawValue
        self.path = path
        self.status = ImportTask.Status.running.rawValue
        self.totalSampleCount = 0
        self.importedSampleCount = 0
        self.annotatedSampleCount = 0
        self.skippedCount = 0
        self.skipped = []
        self.author = author
        self.createdAt = createdAt
    }

    /// The task as the history shows it; `interrupted` when it says running but no import of this process runs it.
    func task(interrupted: Bool) -> ImportTask {
        var status = ImportTask.Status(rawValue: status) ?? .failed
        var error = errorCode.map { LabelingError(code: $0, message: errorMessage ?? "", kind: .internal) }
        if status == .running && interrupted {
            status = .failed
            error = .interruptedImport
        }
        return ImportTask(
            id: id,
            datasetId: datasetId,
            kind: ImportTask.Kind(rawValue: kind) ?? .add,
            path: path,
            status: status,
            totalSampleCount: totalSampleCount,
            importedSampleCount: importedSampleCount,
            annotatedSampleCount: annotatedSampleCount,
            skippedCount: skippedCount,
            skipped: skipped,
            author: author,
            createdAt: createdAt,
            finishedAt: finishedAt,
            error: error
        )
    }
}
