import Foundation
import GRDB
import LabelFormats

struct DatasetRecord: CatalogRecord {
    static let databaseTableName = "dataset"

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let name = Column(CodingKeys.name)
        static let kind = Column(CodingKeys.kind)
        static let inputBucket = Column(CodingKeys.inputBucket)
        static let inputPrefix = Column(CodingKeys.inputPrefix)
        static let description = Column(CodingKeys.description)
        static let createdAt = Column(CodingKeys.createdAt)
        static let updatedAt = Column(CodingKeys.updatedAt)
        static let currentVersionId = Column(CodingKeys.currentVersionId)
    }

    var id: String
    var name: String
    /// A `DatasetKind` raw value.
    var kind: String
    var inputBucket: String
    var inputPrefix: String
    var outputPath: String
    var description: String
    var defaultJobId: String
    var createdAt: Date
    var updatedAt: Date
    /// The version a user made current; nil: the newest is.
    var currentVersionId: String?

    init(_ dataset: Dataset) {
        id = dataset.id
        name = dataset.name
        kind = dataset.kind.rawValue
        inputBucket = dataset.inputBucket
        inputPrefix = dataset.inputPrefix
        outputPath = dataset.outputPath
        description = dataset.description
        defaultJobId = dataset.defaultJobId
        createdAt = dataset.createdAt
        updatedAt = dataset.updatedAt
    }

    /// - Throws: `LabelingError.internalError` for a kind this version does not know.
    func dataset(labels: [Label], counts: SampleCounts) throws -> Dataset {
        guard let kind = DatasetKind(rawValue: kind) else {
            throw LabelingError.internalError("Dataset \(id) has an unknown kind '\(self.kind)'")
        }
        return Dataset(
            id: id,
            name: name,
            kind: kind,
            inputBucket: inputBucket,
            inputPrefix: inputPrefix,
            outputPath: outputPath,
            description: description,
            labels: labels,
            createdAt: createdAt,
            updatedAt: updatedAt,
            defaultJobId: defaultJobId,
            counts: counts
        )
    }
}
