import Foundation
import LabelFormats
import Labeling
import LabelingTestSupport
import Logging
import Testing

/// A labeling service over a `MemoryObjectStorage`, on a catalog in memory, or for tests of a restart, in a file of a
/// temporary folder.
struct LabelingFixture {
    /// The folder of the catalog file; nil for a catalog in memory.
    let directory: URL?
    let storage: MemoryObjectStorage
    let service: LabelingService

    init(storage: MemoryObjectStorage = MemoryObjectStorage(), onDisk: Bool = false) throws {
        self.storage = storage
        if onDisk {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("labeling-tests-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            self.directory = directory
            service = try Self.open(directory: directory, storage: storage)
        } else {
            directory = nil
            service = LabelingService(catalog: try LabelingCatalog.inMemory(), storage: storage, logger: Self.logger)
        }
    }

    static var logger: Logger {
        var logger = Logger(label: "test.labeling")
        logger.logLevel = .warning
        return logger
    }

    static func open(directory: URL, storage: any ObjectStorage) throws -> LabelingService {
        try LabelingService.open(catalogPath: directory.appendingPathComponent("labeling.sqlite").path, storage: storage, logger: logger)
    }

    /// A new service on the same catalog file, as after a restart.
    func reopen() throws -> LabelingService {
        try Self.open(directory: try #require(directory, "reopen needs a fixture made onDisk"), storage: storage)
    }

    func createDataset(_ name: String, _ kind: DatasetKind, input: String, labels: [Label] = []) async throws -> Dataset {
        try await service.createDataset(
            DatasetSpec(name: name, kind: kind, inputPath: input, outputPath: "obs://output/\(name)/", labels: labels)
        )
    }

    /// Every sample of the dataset (or job), by key and line.
    func samples(_ dataset: Dataset, jobId: String? = nil, state: SampleStateFilter = .all) async throws -> [Sample] {
        try await service.listSamples(datasetId: dataset.id, jobId: jobId, state: state, offset: 0, limit: 100_000).samples
    }

    func sample(_ dataset: Dataset, key: String, line: Int? = nil) async throws -> Sample? {
        try await samples(dataset).first { $0.key == key && $0.line == line }
    }

    static func voc(_ objects: [(name: String, box: [Int])]) -> String {
        let body = objects.map { object in
            let box = object.box
            return """
                <object><name>\(object.name)</name><pose>Unspecified</pose><truncated>0</truncated><difficult>0</difficult>
                <bndbox><xmin>\(box[0])</xmin><ymin>\(box[1])</ymin><xmax>\(box[2])</xmax><ymax>\(box[3])</ymax></bndbox></object>
                """
        }
        return "<annotation><size><width>640</width><height>480</height><depth>3</depth></size>\(body.joined())</annotation>"
    }
}

extension Sample {
    var labelNames: [String] { annotations.map(\.name) }
}
