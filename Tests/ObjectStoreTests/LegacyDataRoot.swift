import Foundation
import GRDB
import KeyManagement

@testable import ObjectStore

/// Turns a data root into what obslab wrote before root keys: KMS material in the clear (`material/<id>.key`,
/// `keys.json` format 1), users' secret keys in the clear in the catalog (no `sealedSecretKey` column, migration not
/// applied), no root key check, files 0644 in folders 0755.
///
/// Starting from a root written by this version keeps the objects real (encrypted with the very material that the
/// legacy files then hold in the clear), which an earlier version's root needs to be a faithful test.
enum LegacyDataRoot {
    /// Returns the KMS material (by key id) and the users' secrets (by access key) now in the clear.
    static func downgrade(_ root: TemporaryDataRoot, from rootKey: RootKey) throws -> (material: [String: [UInt8]], secrets: [String: String]) {
        let obslab = root.path + "/.obslab"
        let materialFolder = obslab + "/kms/material"
        var material: [String: [UInt8]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: materialFolder) where name.hasSuffix(".sealed") {
            let id = String(name.dropLast(".sealed".count))
            let sealed = Array(try Data(contentsOf: URL(fileURLWithPath: materialFolder + "/" + name)))
            guard let bytes = rootKey.open(sealed, context: "kms-material:" + id) else { throw Failure("cannot unseal \(name)") }
            material[id] = bytes
            try Data(bytes).write(to: URL(fileURLWithPath: materialFolder + "/" + id + ".key"))
            try FileManager.default.removeItem(atPath: materialFolder + "/" + name)
        }
        let metadataPath = obslab + "/kms/keys.json"
        let metadata = try String(contentsOfFile: metadataPath, encoding: .utf8)
        try metadata.replacingOccurrences(of: "\"formatVersion\" : 2", with: "\"formatVersion\" : 1")
            .write(toFile: metadataPath, atomically: false, encoding: .utf8)

        var secrets: [String: String] = [:]
        let pool = try DatabasePool(path: obslab + "/catalog.sqlite")
        try pool.write { db in
            for record in try UserRecord.fetchAll(db) {
                let user = try record.user(rootKey: rootKey)
                secrets[user.accessKey] = user.secretKey
                try db.execute(sql: "UPDATE user SET secretKey = ? WHERE accessKey = ?", arguments: [user.secretKey, user.accessKey])
            }
            try db.execute(sql: "ALTER TABLE user DROP COLUMN sealedSecretKey")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'sealUserSecrets'")
        }
        try pool.close()
        try FileManager.default.removeItem(atPath: obslab + "/root-key-check.json")
        try loosenModes(obslab)
        return (material, secrets)
    }

    /// Files 0644 and folders 0755, as the umask of most systems made them.
    static func loosenModes(_ path: String) throws {
        chmod(path, 0o755)
        let enumerator = FileManager.default.enumerator(atPath: path)
        while let relative = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path + "/" + relative, isDirectory: &isDirectory)
            chmod(path + "/" + relative, isDirectory.boolValue ? 0o755 : 0o644)
        }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
