import GRDB

/// The labeling catalog, a SQLite file of its own next to the storage's: datasets, their labels, labeling jobs,
/// samples, the job copies of samples, sync runs, published versions and the record of deleted samples and files.
///
/// Samples refer to objects by (bucket, key, versionId) and never own them: several datasets may refer to the same
/// object, and deleting a dataset deletes only catalog rows. Dates are REAL seconds since the reference date.
enum LabelingCatalog {
    static func open(path: String) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        let pool = try DatabasePool(path: path, configuration: configuration)
        try migrator.migrate(pool)
        // A sync that was running when the process stopped will never finish: say so.
        try pool.write { db in
            try db.execute(
                sql: "UPDATE syncRun SET status = ?, errorCode = ?, errorMessage = ? WHERE status = ?",
                arguments: [
                    SyncReport.Status.failed.rawValue, LabelingError.interruptedSync.code, LabelingError.interruptedSync.message,
                    SyncReport.Status.running.rawValue,
                ]
            )
        }
        return pool
    }

    /// Migrations never change once shipped: add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("createLabelingCatalog") { db in
            try db.execute(
                sql: """
                    CREATE TABLE dataset (
                        id TEXT PRIMARY KEY NOT NULL,
                        name TEXT NOT NULL UNIQUE,
                        kind TEXT NOT NULL,
                        inputBucket TEXT NOT NULL,
                        inputPrefix TEXT NOT NULL,
                        outputPath TEXT NOT NULL,
                        description TEXT NOT NULL,
                        defaultJobId TEXT NOT NULL,
                        createdAt REAL NOT NULL,
                        updatedAt REAL NOT NULL
                    );
                    CREATE TABLE datasetLabel (
                        datasetId TEXT NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
                        name TEXT NOT NULL,
                        type INTEGER NOT NULL,
                        color TEXT,
                        properties TEXT NOT NULL,
                        position INTEGER NOT NULL,
                        createdAt REAL NOT NULL,
                        PRIMARY KEY (datasetId, name)
                    );
                    CREATE TABLE labelingJob (
                        id TEXT PRIMARY KEY NOT NULL,
                        datasetId TEXT NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
                        name TEXT NOT NULL,
                        isDefault BOOLEAN NOT NULL,
                        createdAt REAL NOT NULL,
                        UNIQUE (datasetId, name)
                    );
                    CREATE TABLE sample (
                        id TEXT PRIMARY KEY NOT NULL,
                        datasetId TEXT NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
                        bucket TEXT NOT NULL,
                        key TEXT NOT NULL,
                        line INTEGER NOT NULL,
                        versionId TEXT,
                        etag TEXT NOT NULL,
                        size INTEGER NOT NULL,
                        text TEXT,
                        annotations TEXT NOT NULL,
                        isLabeled BOOLEAN NOT NULL,
                        labelSource TEXT,
                        unlabeledReason TEXT,
                        sidecarKey TEXT,
                        sidecarEtag TEXT,
                        labeledBy TEXT,
                        labeledAt REAL,
                        createdAt REAL NOT NULL,
                        updatedAt REAL NOT NULL,
                        UNIQUE (datasetId, bucket, key, line)
                    );
                    CREATE INDEX sample_on_datasetId_isLabeled ON sample(datasetId, isLabeled);
                    CREATE TABLE jobSample (
                        jobId TEXT NOT NULL REFERENCES labelingJob(id) ON DELETE CASCADE,
                        sampleId TEXT NOT NULL REFERENCES sample(id) ON DELETE CASCADE,
                        annotations TEXT,
                        isLabeled BOOLEAN,
                        labeledBy TEXT,
                        labeledAt REAL,
                        PRIMARY KEY (jobId, sampleId)
                    );
                    CREATE INDEX jobSample_on_sampleId ON jobSample(sampleId);
                    CREATE TABLE syncRun (
                        id TEXT PRIMARY KEY NOT NULL,
                        datasetId TEXT NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
                        status TEXT NOT NULL,
                        addedSampleCount INTEGER NOT NULL,
                        deletedSampleCount INTEGER NOT NULL,
                        totalSampleCount INTEGER NOT NULL,
                        sidecarsRead INTEGER NOT NULL,
                        sidecarsUnchanged INTEGER NOT NULL,
                        startedAt REAL NOT NULL,
                        finishedAt REAL,
                        errorCode TEXT,
                        errorMessage TEXT
                    );
                    CREATE INDEX syncRun_on_datasetId_startedAt ON syncRun(datasetId, startedAt);
                    """
            )
        }
        migrator.registerMigration("addVersionsAndDeletions") { db in
            try db.execute(
                sql: """
                    CREATE TABLE datasetVersion (
                        id TEXT PRIMARY KEY NOT NULL,
                        datasetId TEXT NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
                        name TEXT NOT NULL,
                        description TEXT NOT NULL,
                        previousVersionId TEXT,
                        manifestBucket TEXT NOT NULL,
                        manifestKey TEXT NOT NULL,
                        totalSampleCount INTEGER NOT NULL,
                        annotatedSampleCount INTEGER NOT NULL,
                        addedSampleCount INTEGER NOT NULL,
                        modifiedSampleCount INTEGER NOT NULL,
                        deletedSampleCount INTEGER NOT NULL,
                        labelStatistics TEXT NOT NULL,
                        hasMultiLabelSamples BOOLEAN NOT NULL,
                        createdAt REAL NOT NULL,
                        UNIQUE (datasetId, name)
                    );
                    CREATE TABLE versionSample (
                        versionId TEXT NOT NULL REFERENCES datasetVersion(id) ON DELETE CASCADE,
                        sampleId TEXT NOT NULL,
                        bucket TEXT NOT NULL,
                        key TEXT NOT NULL,
                        line INTEGER NOT NULL,
                        annotations TEXT NOT NULL,
                        PRIMARY KEY (versionId, sampleId)
                    );
                    CREATE INDEX versionSample_on_bucket_key ON versionSample(bucket, key);
                    CREATE INDEX sample_on_bucket_key ON sample(bucket, key);
                    CREATE TABLE deletedSample (
                        datasetId TEXT NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
                        bucket TEXT NOT NULL,
                        key TEXT NOT NULL,
                        line INTEGER NOT NULL,
                        etag TEXT NOT NULL,
                        sampleId TEXT NOT NULL,
                        deletedAt REAL NOT NULL,
                        PRIMARY KEY (datasetId, bucket, key, line)
                    );
                    CREATE TABLE sourceDeletion (
                        bucket TEXT NOT NULL,
                        key TEXT NOT NULL,
                        datasetId TEXT NOT NULL,
                        datasetName TEXT NOT NULL,
                        sampleId TEXT NOT NULL,
                        deletedAt REAL NOT NULL,
                        deleteMarkerVersionId TEXT,
                        PRIMARY KEY (bucket, key)
                    );
                    """
            )
        }
        migrator.registerMigration("addImportTasksAndHardExamples") { db in
            try db.execute(
                sql: """
                    ALTER TABLE sample ADD COLUMN hard BOOLEAN;
                    CREATE TABLE importTask (
                        id TEXT PRIMARY KEY NOT NULL,
                        datasetId TEXT NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
                        kind TEXT NOT NULL,
                        path TEXT NOT NULL,
                        status TEXT NOT NULL,
                        totalSampleCount INTEGER NOT NULL,
                        importedSampleCount INTEGER NOT NULL,
                        annotatedSampleCount INTEGER NOT NULL,
                        skippedCount INTEGER NOT NULL,
                        skipped TEXT NOT NULL,
                        author TEXT,
                        errorCode TEXT,
                        errorMessage TEXT,
                        createdAt REAL NOT NULL,
                        finishedAt REAL
                    );
                    CREATE INDEX importTask_on_datasetId_createdAt ON importTask(datasetId, createdAt);
                    """
            )
        }
        return migrator
    }
}

/// The catalog's records: Codable structs whose nested values (annotations, label sources, reasons) are JSON columns.
protocol CatalogRecord: Codable, Sendable, FetchableRecord, PersistableRecord {}

extension CatalogRecord {
    static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { .timeIntervalSinceReferenceDate }
    static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy { .timeIntervalSinceReferenceDate }
}
