import GRDB

extension LabelingService {
    /// A page of samples in key order (then line order), of the dataset or, with `jobId`, of one of its labeling jobs.
    public func listSamples(datasetId: String, jobId: String?, state: SampleStateFilter, offset: Int, limit: Int) async throws
        -> (samples: [Sample], total: Int)
    {
        try await listSamples(datasetId: datasetId, jobId: jobId, filter: SampleFilter(state: state), offset: offset, limit: limit)
    }

    /// A page of the samples that pass the filter, in key order (then line order); `total` counts all that pass.
    public func listSamples(datasetId: String, jobId: String?, filter: SampleFilter, offset: Int, limit: Int) async throws
        -> (samples: [Sample], total: Int)
    {
        try await catalog.read { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            if let jobId { _ = try Self.fetchJob(db, id: jobId, datasetId: datasetId) }
            let query = SampleQuery(datasetId: datasetId, jobId: jobId, state: filter.state, conditions: filter.conditions)
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) " + query.from, arguments: query.arguments) ?? 0
            let records = try SampleRecord.fetchAll(
                db,
                sql: query.select + query.from + " ORDER BY sample.key, sample.line LIMIT ? OFFSET ?",
                arguments: query.arguments + [max(0, limit), max(0, offset)]
            )
            return (records.map { $0.sample(jobId: jobId) }, total)
        }
    }

    /// - Throws: `LabelingError` notFound for an unknown dataset, job or sample.
    public func sample(datasetId: String, jobId: String?, sampleId: String) async throws -> Sample {
        try await catalog.read { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            if let jobId { _ = try Self.fetchJob(db, id: jobId, datasetId: datasetId) }
            let query = SampleQuery(datasetId: datasetId, jobId: jobId, state: .all)
            guard
                let record = try SampleRecord.fetchOne(
                    db,
                    sql: query.select + query.from + " AND sample.id = ?",
                    arguments: query.arguments + [sampleId]
                )
            else { throw LabelingError.sampleNotFound(sampleId) }
            return record.sample(jobId: jobId)
        }
    }

    /// All, labeled and unlabeled samples of the dataset or of one of its labeling jobs.
    public func sampleCounts(datasetId: String, jobId: String?) async throws -> SampleCounts {
        try await catalog.read { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            if let jobId { _ = try Self.fetchJob(db, id: jobId, datasetId: datasetId) }
            return try Self.sampleCounts(db, datasetId: datasetId, jobId: jobId)
        }
    }

    static func sampleCounts(_ db: Database, datasetId: String, jobId: String?) throws -> SampleCounts {
        let query = SampleQuery(datasetId: datasetId, jobId: jobId, state: .all)
        let row = try Row.fetchOne(
            db,
            sql: "SELECT COUNT(*) AS total, COALESCE(SUM(\(query.isLabeled)), 0) AS labeled " + query.from,
            arguments: query.arguments
        )
        let all: Int = row?["total"] ?? 0
        let labeled: Int = row?["labeled"] ?? 0
        return SampleCounts(all: all, labeled: labeled, unlabeled: all - labeled)
    }
}

/// The SQL that reads samples as a dataset or as one of its jobs sees them: a job's own labels, where it has some,
/// stand in for the dataset's.
struct SampleQuery {
    var datasetId: String
    var jobId: String?
    var state: SampleStateFilter
    /// Filter conditions, all of which a sample must meet.
    var conditions: [SampleFilter.Condition] = []

    /// The labeled flag as the reader sees it.
    var isLabeled: String { jobId == nil ? "sample.isLabeled" : "COALESCE(jobSample.isLabeled, sample.isLabeled)" }

    var select: String {
        guard jobId != nil else { return "SELECT sample.* " }
        return """
            SELECT sample.id, sample.datasetId, sample.bucket, sample.key, sample.line, sample.versionId, sample.etag,
                sample.size, sample.text, sample.sidecarKey, sample.sidecarEtag, sample.createdAt, sample.hard,
                COALESCE(jobSample.annotations, sample.annotations) AS annotations,
                COALESCE(jobSample.isLabeled, sample.isLabeled) AS isLabeled,
                CASE WHEN jobSample.annotations IS NULL THEN sample.labelSource END AS labelSource,
                CASE WHEN jobSample.annotations IS NULL THEN sample.unlabeledReason END AS unlabeledReason,
                COALESCE(jobSample.labeledBy, sample.labeledBy) AS labeledBy,
                COALESCE(jobSample.labeledAt, sample.labeledAt) AS labeledAt,
                MAX(sample.updatedAt, COALESCE(jobSample.labeledAt, sample.updatedAt)) AS updatedAt 
            """
    }

    var from: String {
        var sql =
            jobId == nil
            ? "FROM sample WHERE sample.datasetId = ?"
            : "FROM jobSample JOIN sample ON sample.id = jobSample.sampleId WHERE sample.datasetId = ? AND jobSample.jobId = ?"
        switch state {
        case .all: break
        case .labeled: sql += " AND \(isLabeled)"
        case .unlabeled: sql += " AND NOT \(isLabeled)"
        }
        return sql + conditionClauses
    }

    var arguments: StatementArguments {
        (jobId.map { [datasetId, $0] } ?? [datasetId]) + conditionArguments
    }
}
