import GRDB

/// Samples as a dataset, or one of its labeling jobs, shows them.
extension LabelingCatalog {
    /// A page of the samples of the dataset (or of one of its jobs) that pass the filter, in key order then line
    /// order; `total` counts all that pass. Counts and page come from the same query.
    /// - Throws: `LabelingError` notFound for an unknown dataset or job.
    func samples(
        of datasetId: String, jobId: String?, matching filter: SampleFilter, offset: Int, limit: Int
    ) async throws
        -> (samples: [Sample], total: Int)
    {
        try await writer.read { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            if let jobId { _ = try Self.fetchJob(db, id: jobId, datasetId: datasetId) }
            let query = SampleQuery(datasetId: datasetId, jobId: jobId, state: filter.state, conditions: filter.conditions)
            let (records, total) = try Self.page(db, query, offset: max(0, offset), limit: max(0, limit))
            let attributes = try Self.attributes(db, sampleIds: records.map(\.id))
            let samples = records.map { record in
                var sample = record.entry.sample(jobId: jobId)
                sample.attributes = attributes[record.id] ?? [:]
                return sample
            }
            return (samples, total)
        }
    }

    /// - Throws: `LabelingError` notFound for an unknown dataset, job or sample.
    func sample(id: String, datasetId: String, jobId: String?) async throws -> Sample {
        try await writer.read { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            if let jobId { _ = try Self.fetchJob(db, id: jobId, datasetId: datasetId) }
            let query = SampleQuery(datasetId: datasetId, jobId: jobId, state: .all)
            guard
                let record = try SampleRecord.fetchOne(
                    db,
                    sql: query.select + query.from + " AND sample.id = ?",
                    arguments: query.arguments + [id]
                )
            else { throw LabelingError.sampleNotFound(id) }
            var sample = record.entry.sample(jobId: jobId)
            sample.attributes = try Self.attributes(db, sampleIds: [id])[id] ?? [:]
            return sample
        }
    }

    /// All, labeled and unlabeled samples of the dataset or of one of its labeling jobs.
    /// - Throws: `LabelingError` notFound for an unknown dataset or job.
    func sampleCounts(datasetId: String, jobId: String?) async throws -> SampleCounts {
        try await writer.read { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            if let jobId { _ = try Self.fetchJob(db, id: jobId, datasetId: datasetId) }
            return try Self.sampleCounts(db, datasetId: datasetId, jobId: jobId)
        }
    }

    /// The authors of the last label changes of the dataset's samples and of its jobs' own labels, sorted.
    /// - Throws: `LabelingError.datasetNotFound`.
    func labelers(datasetId: String) async throws -> [String] {
        try await writer.read { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            return try String.fetchAll(
                db,
                sql: """
                    SELECT labeledBy FROM sample WHERE datasetId = ? AND labeledBy IS NOT NULL
                    UNION
                    SELECT jobSample.labeledBy FROM jobSample JOIN sample ON sample.id = jobSample.sampleId
                    WHERE sample.datasetId = ? AND jobSample.labeledBy IS NOT NULL
                    ORDER BY 1
                    """,
                arguments: [datasetId, datasetId]
            )
        }
    }

    /// The dataset's samples of these keys of `bucket`.
    func samples(datasetId: String, bucket: String, keys: [String]) async throws -> [SampleEntry] {
        guard !keys.isEmpty else { return [] }
        return try await writer.read { db in
            try SampleRecord
                .filter(SampleRecord.Columns.datasetId == datasetId && SampleRecord.Columns.bucket == bucket)
                .filter(keys.contains(SampleRecord.Columns.key))
                .fetchAll(db)
                .map(\.entry)
        }
    }

    /// A dataset's from the counts its triggers keep (`datasetSampleCount`); a job's, which has labels of its own,
    /// counted.
    static func sampleCounts(_ db: Database, datasetId: String, jobId: String?) throws -> SampleCounts {
        let query = SampleQuery(datasetId: datasetId, jobId: jobId, state: .all)
        let row = try Row.fetchOne(
            db,
            sql: jobId == nil
                ? "SELECT total, labeled FROM datasetSampleCount WHERE datasetId = ?"
                : "SELECT COUNT(*) AS total, COALESCE(SUM(\(query.isLabeled)), 0) AS labeled " + query.from,
            arguments: query.arguments
        )
        let all: Int = row?["total"] ?? 0
        let labeled: Int = row?["labeled"] ?? 0
        return SampleCounts(all: all, labeled: labeled, unlabeled: all - labeled)
    }

    /// Filters matching this many samples or fewer are paged from one walk of the dataset (see `page`).
    static let fewMatches = 500

    /// A page of the samples `query` selects, in key order, and how many it selects.
    ///
    /// A count the catalog cannot answer without walking the dataset's samples is made by that walk, and the page
    /// then walks them again in key order until it is full: for a filter that matches few samples (a file name), both
    /// walks went through nearly all of them. So such a query first walks in key order for at most `fewMatches` + 1
    /// matches: when it finds no more, their number is the count and the page is among them.
    static func page(
        _ db: Database, _ query: SampleQuery, offset: Int, limit: Int, fewMatches: Int = Self.fewMatches
    ) throws -> (records: [SampleRecord], total: Int) {
        let order = " ORDER BY sample.bucket, sample.key, sample.line"
        let total: Int
        if let counted = try countWithoutWalking(db, query) {
            total = counted
        } else {
            let matches = try String.fetchAll(
                db,
                sql: "SELECT sample.id " + query.from + order + " LIMIT ?",
                arguments: query.arguments + [fewMatches + 1]
            )
            guard matches.count > fewMatches else {
                let ids = Array(matches.dropFirst(offset).prefix(limit))
                guard !ids.isEmpty else { return ([], matches.count) }
                let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ", ")
                let records = try SampleRecord.fetchAll(
                    db,
                    sql: query.select + query.from + " AND sample.id IN (\(placeholders))" + order,
                    arguments: query.arguments + StatementArguments(ids)
                )
                return (records, matches.count)
            }
            total = try Int.fetchOne(db, sql: "SELECT COUNT(*) " + query.from, arguments: query.arguments) ?? 0
        }
        // No page past the count: a filter that matches little would otherwise walk the whole dataset in key order.
        guard offset < total else { return ([], total) }
        let records = try SampleRecord.fetchAll(
            db,
            sql: query.select + query.from + order + " LIMIT ? OFFSET ?",
            arguments: query.arguments + [limit, offset]
        )
        return (records, total)
    }

    /// The number of samples `query` selects when the catalog knows it without walking the samples: for a dataset's
    /// tab without conditions, from the kept counts; for the console's label filter alone on the All tab, from
    /// `sampleLabel` alone. Nil for any other query.
    static func countWithoutWalking(_ db: Database, _ query: SampleQuery) throws -> Int? {
        if let count = try labelFilterCount(db, query) { return count }
        guard query.jobId == nil, query.conditions.isEmpty else { return nil }
        let counts = try sampleCounts(db, datasetId: query.datasetId, jobId: nil)
        switch query.state {
        case .all: return counts.all
        case .labeled: return counts.labeled
        case .unlabeled: return counts.unlabeled
        }
    }

    /// The count of a dataset's samples (all of them, no other condition) with any, all or none of some labels, read
    /// from the label rows alone: probing 100,000 sample ids against the labeled ones took several times longer. Nil
    /// for any other query.
    private static func labelFilterCount(_ db: Database, _ query: SampleQuery) throws -> Int? {
        guard query.jobId == nil, query.state == .all, query.conditions.count == 1,
            case .labels(let match) = query.conditions[0]
        else { return nil }
        func labeled(withAnyOf names: [String], having: String = "") throws -> Int {
            let placeholders = Array(repeating: "?", count: names.count).joined(separator: ", ")
            return try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM (SELECT sampleId FROM sampleLabel WHERE datasetId = ? AND name IN (\(placeholders))
                    GROUP BY sampleId \(having))
                    """,
                arguments: StatementArguments([query.datasetId] + names)
            ) ?? 0
        }
        switch match {
        case .anyOf(let names) where !names.isEmpty:
            return try labeled(withAnyOf: Array(Set(names)))
        case .allOf(let names) where !names.isEmpty:
            let distinct = Array(Set(names))
            return try labeled(withAnyOf: distinct, having: "HAVING COUNT(*) = \(distinct.count)")
        case .noneOf(let names) where !names.isEmpty:
            return try sampleCounts(db, datasetId: query.datasetId, jobId: nil).all - labeled(withAnyOf: Array(Set(names)))
        default:
            return nil
        }
    }

    /// The dataset's samples in key order, then line order: what a version, an export or a deletion plan walks.
    static func samplesInKeyOrder(_ db: Database, datasetId: String) throws -> [SampleEntry] {
        try SampleRecord
            .filter(SampleRecord.Columns.datasetId == datasetId)
            .order(SampleRecord.Columns.key, SampleRecord.Columns.line)
            .fetchAll(db)
            .map(\.entry)
    }
}
