import Foundation
import Hummingbird
import LabelFormats
import Labeling
import NIOCore
import ObslabAPI

/// "Add data" and imports from OBS, and their history (`…/import-tasks`). The author of an add or import is the
/// `X-Obslab-User` header, as for label edits.
extension LabelingEndpoints {
    /// An add carries its files in the JSON body, base64: more than the other requests.
    static let maxAddBodySize = 64 << 20

    /// Writes the files into the dataset's input path and makes their samples at once; through a workforce task, the
    /// job gets them too. One result per file: a name already taken fails alone.
    @Sendable func addSamples(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let dataset = try await service.dataset(id: try context.parameters.require("dataset_id"))
        if let jobId = context.parameters.get("task_id"), try await !service.listJobs(datasetId: dataset.id).contains(where: { $0.id == jobId }) {
            throw LabelingError.jobNotFound(jobId, datasetId: dataset.id)
        }
        let body = try await Self.decode(
            ModelArtsAPI.AddSamples.self, from: request, upTo: Self.maxAddBodySize, advice: "send the files in several requests")
        if body.finalAnnotation == false {
            throw ModelArtsError.invalidParameter("final_annotation", "false is not supported: obslab has no labels to be confirmed")
        }
        guard let uploads = body.samples, !uploads.isEmpty else {
            throw ModelArtsError.invalidParameter("samples", "is missing: give the files to add, each with its name and base64 data")
        }
        guard uploads.count <= LabelingService.maxAddedSamples else {
            throw ModelArtsError.invalidParameter("samples", "must hold 1 to \(LabelingService.maxAddedSamples) files, not \(uploads.count)")
        }
        let samples = try uploads.enumerated().map { index, upload in
            try Self.newSample(upload, labelType: dataset.kind.labelType, field: "samples[\(index)]")
        }
        let report = try await service.addSamples(datasetId: dataset.id, samples, author: Self.author(request))
        let results = report.results.map { result in
            ModelArtsAPI.UploadSampleResult(
                success: result.error == nil,
                name: OBSPath.modelArtsPath(result.source),
                info: result.sampleIds.isEmpty ? nil : result.sampleIds.joined(separator: ","),
                sampleIds: result.error == nil ? result.sampleIds : nil,
                errorCode: result.error?.modelArtsCode,
                errorMessage: result.error?.message
            )
        }
        return try Self.json(ModelArtsAPI.AddSamplesResponse(success: report.succeeded, results: results, taskId: report.task.id))
    }

    @Sendable func createImportTask(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let datasetId = try context.parameters.require("dataset_id")
        let body = try await Self.decode(ModelArtsAPI.CreateImportTask.self, from: request)
        guard let path = body.importPath, !path.isEmpty else {
            throw ModelArtsError.invalidParameter("import_path", "is missing: give obs://bucket/folder/ or obs://bucket/path/file.manifest")
        }
        let kind: ImportTask.Kind?
        switch body.importType {
        case nil: kind = nil
        case "dir": kind = .folder
        case "manifest": kind = .manifest
        case let other?: throw ModelArtsError.invalidParameter("import_type", "must be dir or manifest, not \(other)")
        }
        if let origin = body.importOrigin, origin != "obs" {
            throw ModelArtsError.invalidParameter("import_origin", "must be obs: obslab imports from OBS only and has no \(origin) data")
        }
        if let type = body.dataSource?.dataType, type != 0 {
            throw ModelArtsError.invalidParameter("data_source.data_type", "must be 0 (OBS): obslab has no other data sources")
        }
        if let folder = body.importFolder, !folder.isEmpty {
            throw ModelArtsError.invalidParameter("import_folder", "is not supported: obslab copies no data into the input path")
        }
        if body.importSamples == false {
            throw ModelArtsError.invalidParameter("import_samples", "false is not supported: an import makes samples")
        }
        if body.finalAnnotation == false {
            throw ModelArtsError.invalidParameter("final_annotation", "false is not supported: obslab has no labels to be confirmed")
        }
        // ModelArts's own examples write `s3://bucket/…`.
        let obsPath = path.hasPrefix("s3://") ? "obs://" + path.dropFirst("s3://".count) : try OBSPath.obsURL(path, field: "import_path")
        let spec = ImportSpec(
            path: obsPath,
            kind: kind,
            importAnnotations: body.importAnnotations ?? true,
            includedLabels: try Self.names(body.includedLabels, field: "included_labels"),
            excludedLabels: try Self.names(body.excludedLabels, field: "excluded_labels"),
            difficultOnly: body.difficultOnly ?? false,
            author: Self.author(request)
        )
        let task = try await service.importData(datasetId: datasetId, spec)
        return try Self.json(ModelArtsAPI.CreatedTask(taskId: task.id))
    }

    @Sendable func listImportTasks(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let datasetId = try context.parameters.require("dataset_id")
        let offset = try Self.integer("offset", in: request, default: 0, range: 0...Int.max)
        let limit = try Self.integer("limit", in: request, default: 10, range: 1...100)
        let (tasks, total) = try await service.importTasks(datasetId: datasetId, offset: offset, limit: limit)
        return try Self.json(ModelArtsAPI.ImportTaskList(totalCount: total, importTasks: tasks.map(ModelArtsAPI.ImportTaskStatus.init)))
    }

    @Sendable func showImportTask(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let task = try await service.importTask(
            datasetId: try context.parameters.require("dataset_id"),
            taskId: try context.parameters.require("import_task_id")
        )
        return try Self.json(ModelArtsAPI.ImportTaskStatus(task))
    }

    /// A file to add: a 400 naming the field for a missing name or data, data that is not base64, or a bad label.
    static func newSample(_ upload: ModelArtsAPI.UploadSample, labelType: Int, field: String) throws -> NewSample {
        guard let name = upload.name, !name.isEmpty else { throw ModelArtsError.invalidParameter("\(field).name", "is missing") }
        guard let data = upload.data else {
            throw ModelArtsError.invalidParameter("\(field).data", "is missing: obslab adds the files sent in the request, base64")
        }
        guard let bytes = Data(base64Encoded: data) else { throw ModelArtsError.invalidParameter("\(field).data", "is not base64") }
        if let encoding = upload.encoding, encoding.uppercased() != "UTF-8" {
            throw ModelArtsError.invalidParameter("\(field).encoding", "must be UTF-8, not \(encoding)")
        }
        let annotations = try (upload.labels ?? []).enumerated().map { index, label in
            try label.annotation(labelType: labelType, field: "\(field).labels[\(index)]")
        }
        var hard: Bool?
        if let value = upload.metadata?[ModelArtsAPI.PropertyKey.hard], value != .null {
            hard = try Self.hardFlag(value, field: "\(field).metadata.\(ModelArtsAPI.PropertyKey.hard)")
        }
        return NewSample(name: name, data: Array(bytes), annotations: annotations, hard: hard)
    }

    static func names(_ labels: [ModelArtsAPI.LabelName]?, field: String) throws -> [String] {
        try (labels ?? []).enumerated().map { index, label in
            guard let name = label.name, !name.isEmpty else { throw ModelArtsError.invalidParameter("\(field)[\(index)].name", "is missing") }
            return name
        }
    }
}

extension ModelArtsAPI.ImportTaskStatus {
    init(_ task: ImportTask) {
        let status =
            switch task.status {
            case .running: Self.running
            case .completed: Self.completed
            case .failed: Self.failed
            }
        let end = task.finishedAt ?? Date()
        self.init(
            status: status,
            taskId: task.id,
            datasetId: task.datasetId,
            importPath: task.path,
            importType: task.kind == .manifest ? 1 : 0,
            importKind: task.kind.rawValue,
            totalSampleCount: task.totalSampleCount,
            importedSampleCount: task.importedSampleCount,
            annotatedSampleCount: task.annotatedSampleCount,
            skippedSampleCount: task.skippedCount,
            skippedSamples: task.skipped.map { ModelArtsAPI.SkippedSample(source: $0.source, reason: $0.reason) },
            author: task.author,
            createTime: ModelArtsAPI.milliseconds(task.createdAt),
            updateMs: task.finishedAt.map(ModelArtsAPI.milliseconds),
            elapsedTime: Int64(max(0, end.timeIntervalSince(task.createdAt)).rounded()),
            errorCode: task.error?.modelArtsCode,
            errorMessage: task.error?.message,
            dataSource: ModelArtsAPI.DataSource(dataType: 0, dataPath: OBSPath.modelArtsPath(task.path))
        )
    }
}
