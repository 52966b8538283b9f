import Foundation
import GRDB
import Logging

extension LabelingService {
    /// Points the dataset at another input path. Samples keep their ids and labels: their keys move with the path
    /// (`old/prefix/a.jpg` becomes `new/prefix/a.jpg`), and the next sync compares them with what the new path holds,
    /// reading every label file again.
    /// - Throws: `LabelingError` notFound for an unknown dataset, invalidArgument for a bad path or one that holds the
    ///   output path.
    @discardableResult
    public func updateDataset(id: String, inputPath: String) async throws -> Dataset {
        let input = try StoragePath(parsing: inputPath, field: "input path")
        try await catalog.write { db in
            let record = try Self.fetchDataset(db, id: id)
            let output = try StoragePath(parsing: record.outputPath, field: "output path")
            if output.isWithin(input) {
                throw LabelingError.invalidArgument("The output path \(output) must not be the input path \(input) or inside it")
            }
            guard input.bucket != record.inputBucket || input.prefix != record.inputPrefix else { return }
            try db.execute(
                sql: "UPDATE sample SET bucket = ?, key = ? || substr(key, ?), sidecarEtag = NULL WHERE datasetId = ?",
                arguments: [input.bucket, input.prefix, record.inputPrefix.utf8.count + 1, id]
            )
            try db.execute(
                sql: "UPDATE dataset SET inputBucket = ?, inputPrefix = ?, updatedAt = ? WHERE id = ?",
                arguments: [input.bucket, input.prefix, Date().timeIntervalSinceReferenceDate, id]
            )
        }
        logger.info("Changed the input path of a dataset", metadata: ["labeling.dataset": "\(id)", "labeling.input": "\(input)"])
        return try await dataset(id: id)
    }

    /// - Throws: `LabelingError` notFound for an unknown dataset, invalidArgument for a description ModelArts refuses.
    public func updateDataset(id: String, description: String) async throws {
        try Self.checkDescription(description)
        try await catalog.write { db in
            _ = try Self.fetchDataset(db, id: id)
            try db.execute(
                sql: "UPDATE dataset SET description = ?, updatedAt = ? WHERE id = ?",
                arguments: [description, Date().timeIntervalSinceReferenceDate, id]
            )
        }
    }
}
