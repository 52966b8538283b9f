import Foundation
import GRDB
import LabelFormats

/// A sample deletion worked out from the catalog before anything is deleted: which requested samples exist, which
/// source files they are on, and who else refers to those files.
struct DeletionPlan {
    var dataset: DatasetRecord
    /// Requested ids in request order (duplicates dropped), with the sample when the dataset has it.
    var requested: [(id: String, sample: SampleRecord?)]
    /// False for a text dataset whatever was asked: its samples are lines of files other samples share.
    var deletesSource: Bool
    var sourceFiles: [SourceFileImpact]
    var otherDatasets: [AffectedDataset]
    var versions: [AffectedVersion]

    init(_ db: Database, datasetId: String, sampleIds: [String], deleteSource: Bool) throws {
        let limit = LabelingService.maxSamplesPerDeletion
        guard !sampleIds.isEmpty, sampleIds.count <= limit else {
            throw LabelingError.invalidArgument("samples must list 1 to \(limit) sample ids, not \(sampleIds.count)")
        }
        dataset = try LabelingService.fetchDataset(db, id: datasetId)
        var seen = Set<String>()
        let ids = sampleIds.filter { seen.insert($0).inserted }
        let found = try SampleRecord.filter(SampleRecord.Columns.datasetId == datasetId && ids.contains(SampleRecord.Columns.id)).fetchAll(db)
        let byId = Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        requested = ids.map { ($0, byId[$0]) }
        deletesSource = deleteSource && dataset.kind != DatasetKind.textClassification.rawValue

        var files: [SourceFileImpact] = []
        var fileIndex: [FileKey: Int] = [:]
        for sample in requested.compactMap(\.sample) {
            let file = FileKey(bucket: sample.bucket, key: sample.key)
            if let index = fileIndex[file] {
                files[index].sampleIds.append(sample.id)
            } else {
                fileIndex[file] = files.count
                files.append(SourceFileImpact(bucket: sample.bucket, key: sample.key, sampleIds: [sample.id]))
            }
        }
        sourceFiles = files
        otherDatasets = deletesSource ? try Self.otherDatasets(db, files: files, except: datasetId) : []
        versions = deletesSource ? try Self.versions(db, files: files) : []
    }

    var impact: DeletionImpact {
        DeletionImpact(
            datasetId: dataset.id,
            datasetName: dataset.name,
            deleteSource: deletesSource,
            sourceFiles: sourceFiles,
            otherDatasets: otherDatasets,
            versions: versions
        )
    }

    private struct FileKey: Hashable {
        var bucket: String
        var key: String
    }

    /// Samples of other datasets on the files, grouped by dataset in name order.
    private static func otherDatasets(_ db: Database, files: [SourceFileImpact], except datasetId: String) throws -> [AffectedDataset] {
        var byDataset: [String: AffectedDataset] = [:]
        for file in files {
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT sample.id, sample.datasetId, dataset.name FROM sample JOIN dataset ON dataset.id = sample.datasetId
                    WHERE sample.bucket = ? AND sample.key = ? AND sample.datasetId != ? ORDER BY sample.line
                    """,
                arguments: [file.bucket, file.key, datasetId]
            )
            for row in rows {
                let id: String = row["datasetId"]
                let sample = AffectedSample(sampleId: row["id"], bucket: file.bucket, key: file.key)
                byDataset[id, default: AffectedDataset(datasetId: id, datasetName: row["name"], samples: [])].samples.append(sample)
            }
        }
        return byDataset.values.sorted { ($0.datasetName, $0.datasetId) < ($1.datasetName, $1.datasetId) }
    }

    /// Versions (of any dataset) that list the files, grouped by version, oldest dataset name first.
    private static func versions(_ db: Database, files: [SourceFileImpact]) throws -> [AffectedVersion] {
        var byVersion: [String: AffectedVersion] = [:]
        for file in files {
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT datasetVersion.id, datasetVersion.name, datasetVersion.totalSampleCount,
                        dataset.id AS datasetId, dataset.name AS datasetName
                    FROM versionSample
                    JOIN datasetVersion ON datasetVersion.id = versionSample.versionId
                    JOIN dataset ON dataset.id = datasetVersion.datasetId
                    WHERE versionSample.bucket = ? AND versionSample.key = ?
                    """,
                arguments: [file.bucket, file.key]
            )
            for row in rows {
                let id: String = row["id"]
                byVersion[
                    id,
                    default: AffectedVersion(
                        datasetId: row["datasetId"],
                        datasetName: row["datasetName"],
                        versionId: id,
                        versionName: row["name"],
                        totalSampleCount: row["totalSampleCount"],
                        sources: []
                    )
                ].sources.append(file.source)
            }
        }
        return byVersion.values.sorted {
            ($0.datasetName, $0.versionName, $0.versionId) < ($1.datasetName, $1.versionName, $1.versionId)
        }
    }
}
