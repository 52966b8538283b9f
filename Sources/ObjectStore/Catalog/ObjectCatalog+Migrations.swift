import GRDB

/// The catalog's schema: one migration per change, in order.
extension ObjectCatalog {
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
        migrator.registerMigration("sealUserSecrets") { db in
            // Secret keys sealed under the root key; `secretKey` keeps an earlier version's plaintext until the store
            // seals it at open, and is '' afterwards.
            try db.execute(sql: "ALTER TABLE user ADD COLUMN sealedSecretKey BLOB")
        }
        // S3's checksum types: an object's and an upload's checksum type (COMPOSITE or FULL_OBJECT), the algorithm an
        // upload was created with, each part's checksums on a multipart object (GetObjectAttributes, GET ?partNumber), and
        // the uploads completed lately, so that a retried CompleteMultipartUpload answers as the first did.
        migrator.registerMigration("addChecksumTypes") { db in
            try db.execute(
                sql: """
                    ALTER TABLE objectVersion ADD COLUMN checksumType TEXT;
                    ALTER TABLE objectVersion ADD COLUMN partChecksums TEXT;
                    ALTER TABLE multipartUpload ADD COLUMN checksumType TEXT;
                    ALTER TABLE multipartUpload ADD COLUMN checksumAlgorithm TEXT;
                    CREATE TABLE completedUpload (
                        uploadId TEXT PRIMARY KEY NOT NULL,
                        bucket TEXT NOT NULL,
                        key TEXT NOT NULL,
                        versionId TEXT NOT NULL,
                        etag TEXT NOT NULL,
                        completedAt REAL NOT NULL
                    );
                    CREATE INDEX completedUpload_on_completedAt ON completedUpload(completedAt);
                    """
            )
        }
        // Object tags (with the version, and with an upload until it completes), and the bucket's configuration documents
        // (tags, CORS, lifecycle), kept as the S3 layer wrote them and gone with their bucket.
        migrator.registerMigration("addTaggingAndBucketConfiguration") { db in
            try db.execute(
                sql: """
                    ALTER TABLE objectVersion ADD COLUMN tags TEXT;
                    ALTER TABLE multipartUpload ADD COLUMN tags TEXT;
                    CREATE TABLE bucketConfiguration (
                        bucket TEXT NOT NULL REFERENCES bucket(name) ON DELETE CASCADE,
                        kind TEXT NOT NULL,
                        document TEXT NOT NULL,
                        updatedAt REAL NOT NULL,
                        PRIMARY KEY (bucket, kind)
                    ) WITHOUT ROWID;
                    """
            )
        }
        // Object Lock (OBS's WORM): the bucket's configuration (NULL: lock not enabled), each version's retention and
        // legal hold, and those an upload was created with, until it completes.
        migrator.registerMigration("addObjectLock") { db in
            try db.execute(
                sql: """
                    ALTER TABLE bucket ADD COLUMN objectLock TEXT;
                    ALTER TABLE objectVersion ADD COLUMN lockMode TEXT;
                    ALTER TABLE objectVersion ADD COLUMN lockRetainUntil REAL;
                    ALTER TABLE objectVersion ADD COLUMN legalHold BOOLEAN NOT NULL DEFAULT 0;
                    ALTER TABLE multipartUpload ADD COLUMN lockMode TEXT;
                    ALTER TABLE multipartUpload ADD COLUMN lockRetainUntil REAL;
                    ALTER TABLE multipartUpload ADD COLUMN legalHold BOOLEAN NOT NULL DEFAULT 0;
                    """
            )
        }
        // OBS's appendable objects (`POST ?append`), which alone take appended data, parallel file systems
        // (`x-obs-fs-file-interface`), whose objects can be renamed and truncated, and the restore of cold objects
        // (`POST ?restore`): when the restored copy is ready, and when it expires.
        migrator.registerMigration("addOBSObjectOperations") { db in
            try db.execute(
                sql: """
                    ALTER TABLE objectVersion ADD COLUMN appendable BOOLEAN NOT NULL DEFAULT 0;
                    ALTER TABLE bucket ADD COLUMN fileInterface BOOLEAN NOT NULL DEFAULT 0;
                    ALTER TABLE objectVersion ADD COLUMN restoreReadyAt REAL;
                    ALTER TABLE objectVersion ADD COLUMN restoreExpiresAt REAL;
                    """
            )
        }
        return migrator
    }
}
