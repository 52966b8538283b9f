import GRDB

extension LabelingCatalog {
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
                    sample.hardReasons, sample.hardCoefficient, sample.inferenceLoc, sample.objectModifiedAt,
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
}
