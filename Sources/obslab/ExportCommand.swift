import ArgumentParser
import Foundation
import NIOHTTP1
import ObslabAPI

extension Obslab {
    /// `obslab export DATASET --path obs://bucket/prefix/`: a dataset's samples and labels written to an OBS folder, as
    /// a ModelArts manifest or as PASCAL VOC files (ModelArts's export task to OBS).
    struct ExportCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Export a dataset's samples and labels to an OBS folder, as a manifest or PASCAL VOC files, and wait for it.",
            discussion: """
                --format manifest (the default) writes <folder><dataset name>.manifest, naming each sample's object where \
                it is; for object detection, with one PASCAL VOC file a labeled image under <folder>annotation/. \
                --format voc (object detection) writes the PASCAL VOC files alone, at each image's path under the input \
                path with .xml for its extension. The files are written as the labeling service, encrypted as the \
                bucket's default encryption says. Exits 1 when the export failed.
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case manifest
            case voc
        }

        enum Samples: String, ExpressibleByArgument, CaseIterable {
            case all
            case labeled
            case unlabeled

            /// ModelArts's `export_type`.
            var exportType: Int {
                switch self {
                case .labeled: 0
                case .unlabeled: 1
                case .all: 2
                }
            }
        }

        @OptionGroup var api: LabelingOptions

        @Argument(help: "The dataset: name or id.") var dataset: String

        @Option(help: "The OBS folder to write to: obs://bucket/prefix/.") var path: String

        @Option(help: "What to write: manifest or voc (object detection).") var format: Format = .manifest

        @Option(help: "Which samples: all, labeled or unlabeled.") var samples: Samples = .all

        @Flag(help: "Keep the samples' hard-example flags in the manifest.") var keepHard = false

        @Flag(help: "Write the manifest's OBS locations as s3://bucket/key, for training code that reads only that.")
        var s3Scheme = false

        func run() async throws {
            let client = try api.client()
            let dataset = try await client.dataset(dataset)
            let body = ModelArtsAPI.CreateExportTask(
                path: path,
                exportType: samples.exportType,
                annotationFormat: format == .voc ? ModelArtsAPI.ExportTaskStatus.voc : nil,
                sourceTypeHeader: s3Scheme ? "s3://" : nil,
                exportParams: keepHard ? ModelArtsAPI.ExportParams(clearHardProperty: false) : nil
            )
            let created = try await client.call(
                .POST,
                ["datasets", dataset.datasetId, "export-tasks"],
                body: body,
                as: ModelArtsAPI.CreatedTask.self
            )
            var task = try await Self.task(client, datasetId: dataset.datasetId, taskId: created.taskId)
            while task.status == ModelArtsAPI.ExportTaskStatus.running {
                try await Task.sleep(for: .milliseconds(200))
                task = try await Self.task(client, datasetId: dataset.datasetId, taskId: created.taskId)
            }
            print("export: \(task.taskId)")
            print("status: \(task.status == ModelArtsAPI.ExportTaskStatus.succeeded ? "completed" : task.status.lowercased())")
            print("path: \(LabelingOutput.obsURL(task.path))")
            print("samples: \(task.finishedSampleCount) of \(task.totalSampleCount) exported")
            if let manifest = task.manifestPath { print("manifest: \(LabelingOutput.obsURL(manifest))") }
            if let code = task.errorCode {
                print("error: \(code): \(task.errorMessage ?? "")")
                throw ExitCode.failure
            }
        }

        static func task(_ client: LabelingClient, datasetId: String, taskId: String) async throws -> ModelArtsAPI.ExportTaskStatus {
            try await client.call(.GET, ["datasets", datasetId, "export-tasks", taskId], as: ModelArtsAPI.ExportTaskStatus.self)
        }
    }
}
