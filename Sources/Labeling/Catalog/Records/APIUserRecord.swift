import Foundation
import GRDB

/// A user of the labeling API and the SHA-256 of their token (never the token).
struct APIUserRecord: CatalogRecord {
    static let databaseTableName = "apiUser"

    enum Columns {
        static let name = Column(CodingKeys.name)
        static let email = Column(CodingKeys.email)
        static let tokenHash = Column(CodingKeys.tokenHash)
    }

    var name: String
    var email: String?
    var tokenHash: String
    var createdAt: Date
    var tokenIssuedAt: Date

    var user: APIUser {
        APIUser(name: name, email: email, createdAt: createdAt, tokenIssuedAt: tokenIssuedAt)
    }
}
