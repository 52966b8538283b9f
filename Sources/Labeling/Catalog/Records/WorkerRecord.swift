import Foundation
import GRDB

/// A member of a labeling team.
struct WorkerRecord: CatalogRecord {
    static let databaseTableName = "worker"

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let workforceId = Column(CodingKeys.workforceId)
        static let email = Column(CodingKeys.email)
        static let createdAt = Column(CodingKeys.createdAt)
    }

    var id: String
    var workforceId: String
    var email: String
    var role: Int
    var description: String
    var createdAt: Date
    var updatedAt: Date

    func worker(hasUser: Bool) throws -> Worker {
        guard let role = WorkerRole(rawValue: role) else {
            throw LabelingError.internalError("Team member \(id) has an unknown role \(role)")
        }
        return Worker(
            id: id, workforceId: workforceId, email: email, role: role, description: description, hasUser: hasUser,
            createdAt: createdAt, updatedAt: updatedAt
        )
    }
}
