import GRDB

extension LabelingCatalog {
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
        // Two raw UPDATEs bound a `Date`, which GRDB writes as text, into columns of REAL seconds: a dataset's
        // `updatedAt` after a sync that added or removed samples, a sample's after a sync saw its object change.
        // Such values read back as 2001 (SQLite takes the leading year for the number). Make them REAL again.
        migrator.registerMigration("repairTextDates") { db in
            let dateColumns: KeyValuePairs<String, [String]> = [
                "dataset": ["createdAt", "updatedAt"],
                "datasetLabel": ["createdAt"],
                "labelingJob": ["createdAt"],
                "sample": ["labeledAt", "createdAt", "updatedAt"],
                "jobSample": ["labeledAt"],
                "syncRun": ["startedAt", "finishedAt"],
                "datasetVersion": ["createdAt"],
                "deletedSample": ["deletedAt"],
                "sourceDeletion": ["deletedAt"],
                "importTask": ["createdAt", "finishedAt"],
            ]
            for (table, columns) in dateColumns {
                for column in columns {
                    try db.execute(
                        sql: """
                            UPDATE \(table) SET \(column) = (julianday(\(column)) - 2451910.5) * 86400.0
                            WHERE typeof(\(column)) = 'text' AND julianday(\(column)) IS NOT NULL
                            """
                    )
                }
            }
        }
        // Failed syncs and imports were stored with the ModelArts code of their error; they keep the domain's code, which
        // the API renders as that ModelArts code again (`ModelArts.0102` was every missing resource but a dataset).
        migrator.registerMigration("storeDomainErrorCodes") { db in
            for table in ["syncRun", "importTask"] {
                try db.execute(
                    sql: """
                        UPDATE \(table) SET errorCode = CASE errorCode
                            WHEN 'ModelArts.0104' THEN 'invalidArgument'
                            WHEN 'ModelArts.0103' THEN 'duplicateName'
                            WHEN 'ModelArts.4352' THEN 'datasetNotFound'
                            WHEN 'ModelArts.0102' THEN 'sampleNotFound'
                            WHEN 'ModelArts.4360' THEN 'syncFailed'
                            WHEN 'ModelArts.4361' THEN 'publishFailed'
                            WHEN 'ModelArts.4362' THEN 'sourceDeletionFailed'
                            WHEN 'ModelArts.4363' THEN 'importFailed'
                            ELSE 'internalError' END
                        WHERE errorCode LIKE 'ModelArts.%'
                        """
                )
            }
        }
        // The version a user made current (`PUT …/datasets/{id}` `current_version_id`; NULL: the newest), the
        // hard-example details `PUT …/samples` sets beside `hard`, and labeling jobs' descriptions and last change.
        migrator.registerMigration("addCurrentVersionAndHardDetails") { db in
            try db.execute(
                sql: """
                    ALTER TABLE dataset ADD COLUMN currentVersionId TEXT;
                    ALTER TABLE sample ADD COLUMN hardReasons TEXT;
                    ALTER TABLE sample ADD COLUMN hardCoefficient REAL;
                    ALTER TABLE labelingJob ADD COLUMN description TEXT NOT NULL DEFAULT '';
                    ALTER TABLE labelingJob ADD COLUMN updatedAt REAL;
                    """
            )
        }
        // What a source deletion left behind: the deleted image's ETag and the label file it had (and that file's ETag),
        // so that a diagnosis can tell an image uploaded again that took the old labels.
        migrator.registerMigration("addLabelFilesOfSourceDeletions") { db in
            try db.execute(
                sql: """
                    ALTER TABLE sourceDeletion ADD COLUMN etag TEXT;
                    ALTER TABLE sourceDeletion ADD COLUMN labelFileKey TEXT;
                    ALTER TABLE sourceDeletion ADD COLUMN labelFileEtag TEXT;
                    """
            )
        }
        // Auto grouping (its tasks, and the sample attributes it writes), the inference result a manifest entry points to
        // (`inference-loc`: the sample's origin is inference), and the time of the sample's object in the storage.
        migrator.registerMigration("addAutoGroupingAndSampleOrigin") { db in
            try db.execute(
                sql: """
                    ALTER TABLE sample ADD COLUMN inferenceLoc TEXT;
                    ALTER TABLE sample ADD COLUMN objectModifiedAt REAL;
                    CREATE TABLE sampleAttribute (
                        sampleId TEXT NOT NULL REFERENCES sample(id) ON DELETE CASCADE,
                        name TEXT NOT NULL,
                        value TEXT NOT NULL,
                        PRIMARY KEY (sampleId, name)
                    );
                    CREATE INDEX sampleAttribute_on_name_value ON sampleAttribute(name, value);
                    CREATE TABLE groupingTask (
                        id TEXT PRIMARY KEY NOT NULL,
                        datasetId TEXT NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
                        spec TEXT NOT NULL,
                        status TEXT NOT NULL,
                        totalSampleCount INTEGER NOT NULL,
                        processedSampleCount INTEGER NOT NULL,
                        skippedCount INTEGER NOT NULL,
                        skipped TEXT NOT NULL,
                        groupSizes TEXT NOT NULL,
                        resultFile TEXT,
                        author TEXT,
                        errorCode TEXT,
                        errorMessage TEXT,
                        createdAt REAL NOT NULL,
                        finishedAt REAL
                    );
                    CREATE INDEX groupingTask_on_datasetId_createdAt ON groupingTask(datasetId, createdAt);
                    """
            )
        }
        // Team labeling (`teams`): users with API tokens (hashed), labeling teams and members, team tasks over labeling
        // jobs, their samples' labelers, states and verdicts, and acceptances.
        migrator.registerMigration("addTeamsAndUserTokens") { db in
            try db.execute(
                sql: """
                    CREATE TABLE apiUser (
                        name TEXT PRIMARY KEY NOT NULL,
                        email TEXT,
                        tokenHash TEXT NOT NULL UNIQUE,
                        createdAt REAL NOT NULL,
                        tokenIssuedAt REAL NOT NULL
                    );
                    CREATE TABLE workforce (
                        id TEXT PRIMARY KEY NOT NULL,
                        name TEXT NOT NULL UNIQUE,
                        description TEXT NOT NULL,
                        createdAt REAL NOT NULL,
                        updatedAt REAL NOT NULL
                    );
                    CREATE TABLE worker (
                        id TEXT PRIMARY KEY NOT NULL,
                        workforceId TEXT NOT NULL REFERENCES workforce(id) ON DELETE CASCADE,
                        email TEXT NOT NULL,
                        role INTEGER NOT NULL,
                        description TEXT NOT NULL,
                        createdAt REAL NOT NULL,
                        updatedAt REAL NOT NULL,
                        UNIQUE (workforceId, email)
                    );
                    CREATE TABLE teamTask (
                        jobId TEXT PRIMARY KEY NOT NULL REFERENCES labelingJob(id) ON DELETE CASCADE,
                        status TEXT NOT NULL,
                        autoSyncDataset BOOLEAN NOT NULL,
                        workers TEXT NOT NULL,
                        checkingTaskId TEXT
                    );
                    CREATE TABLE teamSample (
                        jobId TEXT NOT NULL REFERENCES teamTask(jobId) ON DELETE CASCADE,
                        sampleId TEXT NOT NULL REFERENCES sample(id) ON DELETE CASCADE,
                        workerId TEXT NOT NULL,
                        state TEXT NOT NULL,
                        reviewAccept BOOLEAN,
                        reviewComment TEXT,
                        reviewScore TEXT,
                        reviewedBy TEXT,
                        checkingTaskId TEXT,
                        checkAccept BOOLEAN,
                        checkComment TEXT,
                        checkScore TEXT,
                        PRIMARY KEY (jobId, sampleId)
                    );
                    CREATE INDEX teamSample_on_jobId_workerId ON teamSample(jobId, workerId);
                    CREATE TABLE acceptanceTask (
                        id TEXT PRIMARY KEY NOT NULL,
                        jobId TEXT NOT NULL REFERENCES teamTask(jobId) ON DELETE CASCADE,
                        samplingRate REAL,
                        samplingNum INTEGER,
                        totalCount INTEGER NOT NULL,
                        sampledCount INTEGER NOT NULL,
                        status TEXT NOT NULL,
                        action TEXT,
                        acceptedCount INTEGER NOT NULL,
                        rejectedCount INTEGER NOT NULL,
                        scorePoints INTEGER NOT NULL,
                        scoredCount INTEGER NOT NULL,
                        createdAt REAL NOT NULL,
                        finishedAt REAL
                    );
                    CREATE INDEX acceptanceTask_on_jobId ON acceptanceTask(jobId, createdAt);
                    """
            )
        }
        // Exports to OBS (`…/export-tasks`): their spec as JSON, progress, the manifest written and the outcome.
        migrator.registerMigration("addExportTasks") { db in
            try db.execute(
                sql: """
                    CREATE TABLE exportTask (
                        id TEXT PRIMARY KEY NOT NULL,
                        datasetId TEXT NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
                        spec TEXT NOT NULL,
                        status TEXT NOT NULL,
                        totalSampleCount INTEGER NOT NULL,
                        finishedSampleCount INTEGER NOT NULL,
                        fileCount INTEGER NOT NULL,
                        manifestPath TEXT,
                        errorCode TEXT,
                        errorMessage TEXT,
                        createdAt REAL NOT NULL,
                        updatedAt REAL NOT NULL,
                        finishedAt REAL
                    );
                    CREATE INDEX exportTask_on_datasetId_createdAt ON exportTask(datasetId, createdAt);
                    """
            )
        }
        // The options a version was published with, which its details show (`clear_hard_property`,
        // `train_evaluate_sample_ratio`); versions published before were published with the defaults.
        migrator.registerMigration("addVersionOptions") { db in
            try db.execute(
                sql: """
                    ALTER TABLE datasetVersion ADD COLUMN clearsHardExamples BOOLEAN NOT NULL DEFAULT 1;
                    ALTER TABLE datasetVersion ADD COLUMN trainingShare DOUBLE NOT NULL DEFAULT 1;
                    """
            )
        }
        // The filters of a sample list in milliseconds at 100,000 samples: each label of each sample as a row
        // (`sampleLabel`, kept by triggers on every write of `sample.annotations`, so no code path can forget it), and
        // indexes for the other criteria and for the list's order, which the unique (datasetId, bucket, key, line)
        // index gives.
        migrator.registerMigration("addSampleFilterIndexes") { db in
            // The labels of the new annotations of a sample, one row per name with its number of annotations.
            let labelRows = """
                SELECT NEW.datasetId, json_extract(annotation.value, '$.name') AS name, NEW.id, COUNT(*)
                FROM json_each(CASE WHEN json_valid(NEW.annotations) THEN NEW.annotations ELSE '[]' END) AS annotation
                WHERE json_extract(annotation.value, '$.name') IS NOT NULL GROUP BY name
                """
            try db.execute(
                sql: """
                    CREATE TABLE sampleLabel (
                        datasetId TEXT NOT NULL,
                        name TEXT NOT NULL,
                        sampleId TEXT NOT NULL REFERENCES sample(id) ON DELETE CASCADE,
                        annotationCount INTEGER NOT NULL,
                        PRIMARY KEY (datasetId, name, sampleId)
                    ) WITHOUT ROWID;
                    CREATE INDEX sampleLabel_on_sampleId ON sampleLabel(sampleId);
                    CREATE TRIGGER sample_labels_after_insert AFTER INSERT ON sample BEGIN
                        DELETE FROM sampleLabel WHERE sampleId = NEW.id;
                        INSERT INTO sampleLabel (datasetId, name, sampleId, annotationCount) \(labelRows);
                    END;
                    CREATE TRIGGER sample_labels_after_update AFTER UPDATE OF annotations ON sample
                    WHEN NEW.annotations IS NOT OLD.annotations BEGIN
                        DELETE FROM sampleLabel WHERE sampleId = NEW.id;
                        INSERT INTO sampleLabel (datasetId, name, sampleId, annotationCount) \(labelRows);
                    END;
                    INSERT INTO sampleLabel (datasetId, name, sampleId, annotationCount)
                        SELECT sample.datasetId, json_extract(annotation.value, '$.name') AS name, sample.id, COUNT(*)
                        FROM sample, json_each(CASE WHEN json_valid(sample.annotations) THEN sample.annotations ELSE '[]' END)
                            AS annotation
                        WHERE json_extract(annotation.value, '$.name') IS NOT NULL GROUP BY sample.id, name;
                    CREATE INDEX sample_on_datasetId_id ON sample(datasetId, id);
                    CREATE INDEX sample_on_datasetId_labeledBy ON sample(datasetId, labeledBy);
                    CREATE INDEX sample_on_datasetId_hard ON sample(datasetId, hard);
                    """
            )
        }
        // Every dataset's number of samples and of labeled ones, kept by triggers on sample, and indexes for the last
        // change of its samples and of its jobs' labels: the tabs' counts and a dataset's details without reading 100,000 rows per request.
        migrator.registerMigration("addDatasetSampleCounts") { db in
            try db.execute(
                sql: """
                    CREATE TABLE datasetSampleCount (
                        datasetId TEXT PRIMARY KEY NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
                        total INTEGER NOT NULL,
                        labeled INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    INSERT INTO datasetSampleCount (datasetId, total, labeled)
                        SELECT dataset.id, COUNT(sample.id), COALESCE(SUM(sample.isLabeled), 0)
                        FROM dataset LEFT JOIN sample ON sample.datasetId = dataset.id GROUP BY dataset.id;
                    CREATE TRIGGER dataset_counts_after_insert AFTER INSERT ON dataset BEGIN
                        INSERT INTO datasetSampleCount (datasetId, total, labeled) VALUES (NEW.id, 0, 0);
                    END;
                    CREATE TRIGGER sample_counts_after_insert AFTER INSERT ON sample BEGIN
                        UPDATE datasetSampleCount SET total = total + 1, labeled = labeled + (NEW.isLabeled != 0)
                        WHERE datasetId = NEW.datasetId;
                    END;
                    CREATE TRIGGER sample_counts_after_delete AFTER DELETE ON sample BEGIN
                        UPDATE datasetSampleCount SET total = total - 1, labeled = labeled - (OLD.isLabeled != 0)
                        WHERE datasetId = OLD.datasetId;
                    END;
                    CREATE TRIGGER sample_counts_after_update AFTER UPDATE OF isLabeled ON sample
                    WHEN (NEW.isLabeled != 0) IS NOT (OLD.isLabeled != 0) BEGIN
                        UPDATE datasetSampleCount SET labeled = labeled + (NEW.isLabeled != 0) - (OLD.isLabeled != 0)
                        WHERE datasetId = NEW.datasetId;
                    END;
                    CREATE INDEX sample_on_datasetId_updatedAt ON sample(datasetId, updatedAt);
                    CREATE INDEX jobSample_on_jobId_labeledAt ON jobSample(jobId, labeledAt);
                    """
            )
        }
        return migrator
    }
}
