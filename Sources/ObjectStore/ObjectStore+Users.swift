import Foundation
import KeyManagement
import Logging

/// The users other than the owner: their names and access keys persist in the catalog, their secret keys sealed under
/// the root key and unsealed only to check a request's signature.
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
        let user = User(
            name: name,
            accessKey: "OBSLAB" + Identifiers.randomAlphanumeric(count: 14).uppercased(),
            secretKey: Identifiers.randomAlphanumeric(count: 40),
            createdAt: Date()
        )
        return try await catalog.createUser(user, rootKey: rootKey, reuseExisting: reuseExisting)
    }

    public func listUsers() async throws -> [User] {
        let records = try await catalog.userRecords()
        return try records.map { record throws(RootKeyError) in try record.user(rootKey: rootKey) }
    }

    /// The user owning an access key, or nil.
    /// - Throws: `RootKeyError.undecryptable` when the user's sealed secret is damaged.
    public func user(accessKey: String) async throws -> User? {
        try await catalog.userRecord(accessKey: accessKey)?.user(rootKey: rootKey)
    }

    static func isValidUserName(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count)
            && name.utf8.allSatisfy { byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || "-_.".utf8.contains(byte)
            }
    }

    /// Checks that every sealed secret opens under `rootKey`, then seals the secrets an earlier version kept in the
    /// clear, overwriting the plaintext in the database file.
    /// - Parameter checked: whether the data root's root key check confirmed `rootKey`; without it, a secret that does
    ///   not open means another root key, and nothing is converted.
    static func sealUserSecrets(in catalog: ObjectCatalog, rootKey: RootKey, checked: Bool, logger: Logger) async throws {
        let records = try await catalog.userRecords()
        let failing = records.filter { $0.isSealed && (try? $0.user(rootKey: rootKey)) == nil }.map(\.name)
        if !failing.isEmpty {
            let names = failing.joined(separator: ", ")
            guard checked else {
                throw RootKeyError(
                    .undecryptable,
                    "The secret keys of users \(names) fail authentication under the root key: the data root's keys are encrypted"
                        + " under another root key (give the one it was created with via --root-key-file or OBSLAB_ROOT_KEY),"
                        + " or the catalog is damaged. Nothing was changed"
                )
            }
            logger.error(
                "Secret keys damaged in the catalog: these users cannot sign requests until they are made again",
                metadata: ["store.users": "\(names)"]
            )
        }
        let plaintext = records.filter { !$0.isSealed }
        guard !plaintext.isEmpty else { return }
        try await catalog.sealSecrets(of: plaintext.map { try $0.user(rootKey: rootKey) }, rootKey: rootKey)
        logger.notice("Sealed the secret keys of an earlier obslab under the root key", metadata: ["store.users": "\(plaintext.count)"])
    }
}
