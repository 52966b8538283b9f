import Foundation
import GRDB

/// The users other than the owner: their names and access keys persist in the catalog.
extension ObjectStore {
    /// Creates a user with fresh access keys (or returns the existing one of that name when `reuseExisting`).
    /// - Throws: InvalidArgument for a bad name; UserAlreadyExists when the name is taken and `reuseExisting` is false.
    public func createUser(name: String, reuseExisting: Bool = false) async throws -> User {
        guard Self.isValidUserName(name) else {
            throw StoreError(
                .invalidArgument,
                "A user name has 1 to 64 characters among letters, digits, '-', '_' and '.': \(name)",
                resource: name
            )
        }
        return try await database.write { db in
            if let existing = try UserRecord.filter(UserRecord.Columns.name == name).fetchOne(db) {
                guard reuseExisting else {
                    throw StoreError(.userAlreadyExists, "A user named \(name) already exists", resource: name)
                }
                return existing.user
            }
            let user = User(
                name: name,
                accessKey: "OBSLAB" + Identifiers.randomAlphanumeric(count: 14).uppercased(),
                secretKey: Identifiers.randomAlphanumeric(count: 40),
                createdAt: Date()
            )
            try UserRecord(user).insert(db)
            return user
        }
    }

    public func listUsers() async throws -> [User] {
        try await database.read { db in
            try UserRecord.order(UserRecord.Columns.name).fetchAll(db).map(\.user)
        }
    }

    /// The user owning an access key, or nil.
    public func user(accessKey: String) async throws -> User? {
        try await database.read { db in
            try UserRecord.fetchOne(db, key: accessKey)?.user
        }
    }

    static func isValidUserName(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count)
            && name.utf8.allSatisfy { byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || "-_.".utf8.contains(byte)
            }
    }
}
