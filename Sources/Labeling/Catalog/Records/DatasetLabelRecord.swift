import Foundation
import GRDB
import LabelFormats

struct DatasetLabelRecord: CatalogRecord {
    static let databaseTableName = "datasetLabel"

    enum Columns {
        static let datasetId = Column(CodingKeys.datasetId)
        static let name = Column(CodingKeys.name)
        static let position = Column(CodingKeys.position)
    }

    var datasetId: String
    var name: String
    var type: Int
    var color: String?
    var properties: [String: String]
    /// Labels keep the order they were added in.
    var position: Int
    var createdAt: Date

    init(datasetId: String, label: Label, position: Int, createdAt: Date) {
        self.datasetId = datasetId
        self.name = label.name
        self.type = label.type
        self.color = label.color
        self.properties = label.properties
        self.position = position
        self.createdAt = createdAt
    }

    var label: Label { Label(name: name, type: type, color: color, properties: properties) }
}
