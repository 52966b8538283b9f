import Hummingbird
import Labeling
import ObslabAPI

/// Exports to OBS (`…/export-tasks`), run in the background; a task's status gives the progress, the list the history.
extension LabelingEndpoints {
    @Sendable func createExportTask(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let datasetId = try context.parameters.require("dataset_id")
        let body = try await Self.decode(ModelArtsAPI.CreateExportTask.self, from: request)
        let task = try await service.startExport(datasetId: datasetId, try Self.exportSpec(body))
        backgroundTasks.run { await service.runExport(task) }
        // "Creating a Dataset Export Task" answers the new task's status, as "Querying the Status" does.
        return try Self.json(ModelArtsAPI.ExportTaskStatus(task))
    }

    @Sendable func listExportTasks(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let datasetId = try context.parameters.require("dataset_id")
        let offset = try Self.integer("offset", in: request, default: 0, range: 0...Int.max)
        let limit = try Self.integer("limit", in: request, default: 10, range: 1...100)
        var selection: ExportSpec.Selection?
        if request.uri.queryParameters["export_type"] != nil {
            let type = try Self.integer("export_type", in: request, default: 0, range: 0...3)
            guard let chosen = Self.selections[type] else {
                throw ModelArtsError.invalidParameter("export_type", "obslab's tasks are of types 0, 1 and 2, not 3: it records what was exported")
            }
            selection = chosen
        }
        let (tasks, total) = try await service.exportTasks(datasetId: datasetId, selection: selection, offset: offset, limit: limit)
        return try Self.json(ModelArtsAPI.ExportTaskList(totalCount: total, exportTasks: tasks.map(ModelArtsAPI.ExportTaskStatus.init)))
    }

    @Sendable func showExportTask(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let task = try await service.exportTask(
            datasetId: try context.parameters.require("dataset_id"),
            taskId: try context.parameters.require("task_id")
        )
        return try Self.json(ModelArtsAPI.ExportTaskStatus(task))
    }

    /// `export_type` 0, 1, 2.
    static let selections: [Int: ExportSpec.Selection] = [0: .labeled, 1: .unlabeled, 2: .all]

    /// The Labeling module's spec from a request: a 400 naming the member obslab cannot honour.
    static func exportSpec(_ body: ModelArtsAPI.CreateExportTask) throws -> ExportSpec {
        guard let path = body.path, !path.isEmpty else {
            throw ModelArtsError.invalidParameter("path", "is missing: give the OBS folder to export to, /bucket/folder/")
        }
        let obsPath = path.hasPrefix("s3://") ? "obs://" + path.dropFirst("s3://".count) : try OBSPath.obsURL(path, field: "path")
        switch body.exportParams?.exportDest {
        case nil, "DIR": break
        case let other?:
            throw ModelArtsError.invalidParameter("export_params.export_dest", "must be DIR: obslab exports to OBS only, not \(other)")
        }
        let format: ExportSpec.Format
        switch body.annotationFormat {
        case nil: format = .manifest
        case ModelArtsAPI.ExportTaskStatus.voc?: format = .pascalVOC
        case let other?:
            throw ModelArtsError.invalidParameter("annotation_format", "must be VOC (or absent, for a manifest): obslab does not write \(other)")
        }
        var spec = ExportSpec(
            path: obsPath,
            format: format,
            selection: try Self.selection(body),
            clearsHardExamples: body.exportParams?.clearHardProperty ?? true
        )
        if let scheme = body.sourceTypeHeader {
            guard ExportSpec.sourceSchemes.contains(scheme) else {
                throw ModelArtsError.invalidParameter("source_type_header", "must be obs:// or s3://, not \(scheme)")
            }
            spec.sourceScheme = scheme
        }
        return spec
    }

    /// `export_type` 0, 1, 2; or 3 (and absent) by `sample_state`, given at the top or in `export_params`: `__ALL__`
    /// labeled, `__NONE__` unlabeled, empty or absent all.
    static func selection(_ body: ModelArtsAPI.CreateExportTask) throws -> ExportSpec.Selection {
        let states = [("sample_state", body.sampleState), ("export_params.sample_state", body.exportParams?.sampleState)]
            .compactMap { field, state -> (field: String, state: String)? in state.flatMap { $0.isEmpty ? nil : (field, $0) } }
        if states.count == 2, states[0].state != states[1].state {
            throw ModelArtsError.invalidParameter("sample_state", "is \(states[0].state), but export_params.sample_state is \(states[1].state)")
        }
        switch body.exportType {
        case let type? where type != 3:
            guard let selection = Self.selections[type] else {
                throw ModelArtsError.invalidParameter(
                    "export_type", "must be 0 (labeled), 1 (unlabeled), 2 (all) or 3 (by sample_state), not \(type)")
            }
            if let given = states.first {
                throw ModelArtsError.invalidParameter(given.field, "applies to export_type 3 only: export_type \(type) chooses the samples")
            }
            return selection
        default:
            guard let given = states.first else { return .all }
            switch given.state {
            case "__ALL__": return .labeled
            case "__NONE__": return .unlabeled
            default:
                throw ModelArtsError.invalidParameter(given.field, "must be __ALL__, __NONE__ or empty: obslab does not export by \(given.state)")
            }
        }
    }
}

extension ModelArtsAPI.ExportTaskStatus {
    init(_ task: ExportTask) {
        let status =
            switch task.status {
            case .running: Self.running
            case .completed: Self.succeeded
            case .failed: Self.failed
            }
        self.init(
            taskId: task.id,
            path: OBSPath.modelArtsPath(task.spec.path),
            exportType: LabelingEndpoints.selections.first { $0.value == task.spec.selection }?.key ?? 2,
            annotationFormat: task.spec.format == .pascalVOC ? Self.voc : nil,
            exportParams: ModelArtsAPI.ExportParams(clearHardProperty: task.spec.clearsHardExamples, exportDest: "DIR"),
            status: status,
            progress: (task.progress * 100 * 10).rounded() / 10,
            totalSampleCount: task.totalSampleCount,
            finishedSampleCount: task.finishedSampleCount,
            createTime: ModelArtsAPI.milliseconds(task.createdAt),
            updateTime: ModelArtsAPI.milliseconds(task.updatedAt),
            errorCode: task.error?.modelArtsCode,
            errorMessage: task.error?.message,
            manifestPath: task.manifestPath.map(OBSPath.modelArtsPath)
        )
    }
}
