import GRDB

/// The SQLite catalog: buckets, object versions, multipart uploads, adopted folders, users and agencies.
///
/// Dates are stored as REAL seconds since the reference date, the one representation that gives back the same `Date`.
enum Catalog {
    static func open(path: String) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        let pool = try DatabasePool(path: path, configuration: configuration)
        try migrator.migrate(pool)
        return pool
    }

    /// Migrations never change once shipped: add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("createCatalog") { db in
            try db.execute(
                sql: """
                    CREATE TABLE bucket (
                        name TEXT PRIMARY KEY NOT NULL,
                        creationDate REAL NOT NULL,
                        versioning TEXT NOT NULL DEFAULT ''
                    );
                    CREATE TABLE objectVersion (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        bucket TEXT NOT NULL REFERENCES bucket(name),
                        key TEXT NOT NULL,
                        versionId TEXT NOT NULL,
                        isLatest BOOLEAN NOT NULL,
                        isDeleteMarker BOOLEAN NOT NULL,
                        size INTEGER NOT NULL,
                        etag TEXT NOT NULL,
                        lastModified REAL NOT NULL,
                        blobId TEXT,
                        partSizes TEXT,
                        contentType TEXT,
                        contentEncoding TEXT,
                        contentDisposition TEXT,
                        contentLanguage TEXT,
                        cacheControl TEXT,
                        expires TEXT,
                        userMetadata TEXT,
                        checksums TEXT,
                        storageClass TEXT NOT NULL
                    );
                    CREATE UNIQUE INDEX objectVersion_on_bucket_key_versionId ON objectVersion(bucket, key, versionId);
                    CREATE INDEX objectVersion_on_bucket_key_id ON objectVersion(bucket, key, id DESC);
                    CREATE UNIQUE INDEX objectVersion_latest ON objectVersion(bucket, key) WHERE isLatest;
                    CREATE TABLE multipartUpload (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        uploadId TEXT NOT NULL UNIQUE,
                        bucket TEXT NOT NULL REFERENCES bucket(name),
                        key TEXT NOT NULL,
                        initiated REAL NOT NULL,
                        contentType TEXT,
                        contentEncoding TEXT,
                        contentDisposition TEXT,
                        contentLanguage TEXT,
                        cacheControl TEXT,
                        expires TEXT,
                        userMetadata TEXT,
                        checksums TEXT,
                        storageClass TEXT NOT NULL
                    );
                    CREATE INDEX multipartUpload_on_bucket_key_id ON multipartUpload(bucket, key, id);
                    CREATE TABLE uploadPart (
                        uploadId TEXT NOT NULL REFERENCES multipartUpload(uploadId) ON DELETE CASCADE,
                        partNumber INTEGER NOT NULL,
                        etag TEXT NOT NULL,
                        size INTEGER NOT NULL,
                        lastModified REAL NOT NULL,
                        blobId TEXT NOT NULL,
                        checksums TEXT,
                        PRIMARY KEY (uploadId, partNumber)
                    ) WITHOUT ROWID;
                    CREATE TABLE adoptedFolder (
                        name TEXT PRIMARY KEY NOT NULL,
                        adoptedAt REAL NOT NULL
                    );
                    """
            )
        }
        migrator.registerMigration("createUser") { db in
            try db.execute(
                sql: """
                    CREATE TABLE user (
                        accessKey TEXT PRIMARY KEY NOT NULL,
                        secretKey TEXT NOT NULL,
                        name TEXT NOT NULL UNIQUE,
                        createdAt REAL NOT NULL
                    );
                    """
            )
        }
        migrator.registerMigration("addEncryption") { db in
            try db.execute(
                sql: """
                    ALTER TABLE bucket ADD COLUMN defaultEncryption TEXT;
                    ALTER TABLE objectVersion ADD COLUMN encryption TEXT;
                    ALTER TABLE multipartUpload ADD COLUMN encryption TEXT;
                    ALTER TABLE uploadPart ADD COLUMN encryptedSegment TEXT;
                    """
            )
        }
        // Who owns each bucket, object version and upload, their ACL documents, the bucket policies, and the documents
        // of the agencies through which a service acts for the owner. Buckets from before get the owner at open.
        migrator.registerMigration("addAccessControl") { db in
            try db.execute(
                sql: """
                    ALTER TABLE bucket ADD COLUMN owner TEXT;
                    ALTER TABLE bucket ADD COLUMN acl TEXT;
                    ALTER TABLE bucket ADD COLUMN policy TEXT;
                    CREATE INDEX bucket_on_owner ON bucket(owner);
                    ALTER TABLE objectVersion ADD COLUMN owner TEXT;
                    ALTER TABLE objectVersion ADD COLUMN acl TEXT;
                    ALTER TABLE multipartUpload ADD COLUMN owner TEXT;
                    ALTER TABLE multipartUpload ADD COLUMN acl TEXT;
                    CREATE TABLE agency (
                        principal TEXT PRIMARY KEY NOT NULL,
                        document TEXT NOT NULL,
                        updatedAt REAL NOT NULL
                    );
                    """
            )
        }
        return migrator
    }
}
