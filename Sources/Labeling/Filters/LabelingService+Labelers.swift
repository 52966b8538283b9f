import GRDB

extension LabelingService {
    /// The authors of the last label changes of the dataset's samples and of its jobs' own labels, sorted: what the
    /// "Labeled By" filter offers.
    public func labelers(datasetId: String) async throws -> [String] {
        try await catalog.read { db in
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
}
