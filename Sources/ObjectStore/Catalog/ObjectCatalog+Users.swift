import Foundation
import GRDB
import KeyManagement

/// Users (their secret keys sealed under the root key) and the agency documents of the services acting for the owner.
extension ObjectCatalog {
    /// Records `user`, its secret key sealed under `rootKey`; or, when the name is taken and `reuseExisting`, gives
    /// back the user of that name.
    /// - Throws: UserAlreadyExists when the name is taken and `reuseExisting` is false.
    func createUser(_ user: User, rootKey: RootKey, reuseExisting: Bool) async throws -> User {
        try await writer.write { db in
            if let existing = try UserRecord.filter(UserRecord.Columns.name == user.name).fetchOne(db) {
                guard reuseExisting else {
                    throw StoreError(.userAlreadyExists, "A user named \(user.name) already exists", resource: user.name)
                }
                return try existing.user(rootKey: rootKey)
            }
            try UserRecord(user, rootKey: rootKey).insert(db)
            return user
        }
    }

    /// Every user, by name.
    func userRecords() async throws -> [UserRecord] {
        try await writer.read { db in try UserRecord.order(UserRecord.Columns.name).fetchAll(db) }
    }

    func userRecord(accessKey: String) async throws -> UserRecord? {
        try await writer.read { db in try UserRecord.fetchOne(db, key: accessKey) }
    }

    /// Replaces the stored secrets of `users` with theirs sealed under `rootKey`, and overwrites the old values in the
    /// database file (secure delete, vacuum, and a checkpoint that empties the write-ahead log), not merely unlinks them.
    func sealSecrets(of users: [User], rootKey: RootKey) async throws {
        try await writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            try db.inTransaction {
                for user in users { try UserRecord(user, rootKey: rootKey).update(db) }
                return .commit
            }
            try db.execute(sql: "VACUUM")
            try db.checkpoint(.truncate)
            try db.execute(sql: "PRAGMA secure_delete = OFF")
        }
    }

    // MARK: Agencies

    /// The agency document through which `principal` (a service) acts for the owner, or nil when none was set.
    func agencyDocument(principal: String) async throws -> String? {
        try await writer.read { db in
            try String.fetchOne(db, sql: "SELECT document FROM agency WHERE principal = ?", arguments: [principal])
        }
    }

    /// Sets (or with nil, forgets) the agency document of `principal`.
    func setAgencyDocument(_ document: String?, principal: String, at date: Date) async throws {
        try await writer.write { db in
            if let document {
                try db.execute(
                    sql: """
                        INSERT INTO agency (principal, document, updatedAt) VALUES (?, ?, ?)
                        ON CONFLICT (principal) DO UPDATE SET document = excluded.document, updatedAt = excluded.updatedAt
                        """,
                    arguments: [principal, document, date.timeIntervalSinceReferenceDate]
                )
            } else {
                try db.execute(sql: "DELETE FROM agency WHERE principal = ?", arguments: [principal])
            }
        }
    }
}
