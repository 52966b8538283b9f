import Foundation
import GRDB
import KeyManagement

/// A user as the catalog keeps it: the secret key sealed under the root key in `sealedSecretKey`, bound to the access
/// key. A user made by a version before root keys has its secret in the clear in `secretKey` until the store seals it
/// at open; `secretKey` is '' afterwards.
struct UserRecord: Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "user"

    enum Columns {
        static let accessKey = Column("accessKey")
        /// The plaintext secret of an earlier version, '' once sealed.
        static let secretKey = Column("secretKey")
        static let sealedSecretKey = Column("sealedSecretKey")
        static let name = Column("name")
        static let createdAt = Column("createdAt")
    }

    var name: String
    var accessKey: String
    var createdAt: Date
    var sealedSecretKey: Data?
    var plaintextSecretKey: String

    /// The record of `user`, its secret sealed under `rootKey`.
    init(_ user: User, rootKey: RootKey) {
        name = user.name
        accessKey = user.accessKey
        createdAt = user.createdAt
        sealedSecretKey = Data(rootKey.seal(Data(user.secretKey.utf8), context: Self.context(user.accessKey)))
        plaintextSecretKey = ""
    }

    init(row: Row) throws {
        name = row[Columns.name]
        accessKey = row[Columns.accessKey]
        createdAt = Date(timeIntervalSinceReferenceDate: row[Columns.createdAt])
        sealedSecretKey = row[Columns.sealedSecretKey]
        plaintextSecretKey = row[Columns.secretKey]
    }

    func encode(to container: inout PersistenceContainer) throws {
        container[Columns.accessKey] = accessKey
        container[Columns.secretKey] = plaintextSecretKey
        container[Columns.sealedSecretKey] = sealedSecretKey
        container[Columns.name] = name
        container[Columns.createdAt] = createdAt.timeIntervalSinceReferenceDate
    }

    /// Whether the secret is still in the clear, as an earlier version stored it.
    var isSealed: Bool { sealedSecretKey != nil }

    /// The user with its secret key, unsealed with `rootKey` (or read in the clear from an unconverted record).
    /// - Throws: `RootKeyError.undecryptable` when the sealed secret fails authentication.
    func user(rootKey: RootKey) throws(RootKeyError) -> User {
        guard let sealedSecretKey else {
            return User(name: name, accessKey: accessKey, secretKey: plaintextSecretKey, createdAt: createdAt)
        }
        guard let secret = rootKey.open(Array(sealedSecretKey), context: Self.context(accessKey)) else {
            throw RootKeyError(
                .undecryptable,
                "The secret key of user \(name) fails authentication under the root key: it was sealed under another root key,"
                    + " or the catalog is damaged"
            )
        }
        return User(name: name, accessKey: accessKey, secretKey: String(decoding: secret, as: UTF8.self), createdAt: createdAt)
    }

    /// The associated data of a sealed secret: one user's sealed secret cannot stand in for another's.
    private static func context(_ accessKey: String) -> String {
        "user-secret:" + accessKey
    }
}
