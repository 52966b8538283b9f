import Hummingbird
import LabelFormats
import Labeling
import ObslabAPI

extension LabelingEndpoints {
    /// "Creating a Dataset": creates the dataset, then imports its input path at once, as ModelArts does: the import is
    /// the dataset's first sync, recorded in the import history, and `import_task_id` names it. The dataset is
    /// created even when the import fails (the input path cannot be listed, say): the task then says why.
    @Sendable func createDataset(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let body = try await Self.decode(ModelArtsAPI.CreateDataset.self, from: request)
        if body.importAnnotations == false {
            throw ModelArtsError.invalidParameter(
                "import_annotations",
                "false is not supported: obslab reads the label files next to the samples on every sync"
            )
        }
        let dataset = try await service.createDataset(try Self.spec(body))
        let input = ImportSpec(path: dataset.inputPath, kind: .folder, author: Self.author(request))
        let task = try await service.importData(datasetId: dataset.id, input)
        return try Self.json(ModelArtsAPI.CreateDatasetResponse(datasetId: dataset.id, importTaskId: task.id), status: .created)
    }

    /// "Querying the Dataset List": `dataset_type`, `search_content` (in the name, ignoring case), `sort_by`
    /// (`create_time`, `dataset_name`), `order` (`asc`, `desc`), `offset`/`limit`, `with_labels`, `contain_versions`.
    @Sendable func listDatasets(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let offset = try Self.integer("offset", in: request, default: 0, range: 0...Int.max)
        let limit = try Self.integer("limit", in: request, default: 10, range: 1...100)
        let withLabels = try Self.boolean("with_labels", in: request)
        let withVersions = try Self.boolean("contain_versions", in: request)
        let (datasets, total) = try await service.listDatasets(try Self.datasetQuery(request), offset: offset, limit: limit)
        var described: [ModelArtsAPI.Dataset] = []
        for dataset in datasets {
            described.append(try await describe(dataset, withLabels: withLabels, withVersions: withVersions))
        }
        return try Self.json(ModelArtsAPI.DatasetList(datasets: described, totalNumber: total))
    }

    @Sendable func showDataset(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let dataset = try await service.dataset(id: try context.parameters.require("dataset_id"))
        return try Self.json(try await describe(dataset, withLabels: true, withVersions: false))
    }

    /// "Modifying a Dataset": name, description, current version and label changes (all checked before any is made), and
    /// obslab's `data_sources` to point the dataset at another input path. A member obslab does not honour is a 400.
    @Sendable func updateDataset(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let datasetId = try context.parameters.require("dataset_id")
        let body = try await Self.decode(ModelArtsAPI.UpdateDataset.self, from: request)
        let dataset = try await service.dataset(id: datasetId)
        let update = DatasetUpdate(
            name: body.datasetName,
            description: body.description,
            currentVersionId: body.currentVersionId,
            addLabels: try (body.addLabels ?? []).enumerated().map { index, label in
                try label.domainLabel(defaultType: dataset.kind.labelType, field: "add_labels[\(index)]")
            },
            updateLabels: try (body.updateLabels ?? []).enumerated().map { index, label in
                guard let name = label.name, !name.isEmpty else {
                    throw ModelArtsError.invalidParameter("update_labels[\(index)].name", "is missing")
                }
                return try Self.labelChange(name: name, property: label.property ?? [:], field: "update_labels[\(index)].property")
            },
            deleteLabels: try (body.deleteLabels ?? []).enumerated().map { index, label in
                guard let name = label.name, !name.isEmpty else {
                    throw ModelArtsError.invalidParameter("delete_labels[\(index)].name", "is missing")
                }
                return name
            }
        )
        var inputPath: String?
        if let sources = body.dataSources {
            guard sources.count == 1, let dataPath = sources[0].dataPath else {
                throw ModelArtsError.invalidParameter("data_sources", "must hold one data source with a data_path")
            }
            inputPath = try OBSPath.obsURL(dataPath, field: "data_sources[0].data_path")
        }
        try await service.updateDataset(id: datasetId, update, author: Self.author(request))
        if let inputPath {
            try await service.updateDataset(id: datasetId, inputPath: inputPath)
        }
        return try Self.json(ModelArtsAPI.CreateDatasetResponse(datasetId: datasetId))
    }

    /// Forgets the dataset, its jobs and samples; the objects in OBS stay.
    @Sendable func deleteDataset(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let datasetId = try context.parameters.require("dataset_id")
        try await service.deleteDataset(id: datasetId)
        return Response(status: .noContent)
    }

    /// The filters and order of a dataset listing; a 400 naming a parameter with a value outside the reference's.
    static func datasetQuery(_ request: Request) throws -> DatasetQuery {
        var query = DatasetQuery()
        if request.uri.queryParameters["dataset_type"] != nil {
            let type = try Self.integer("dataset_type", in: request, default: 0, range: 0...Int.max)
            guard let kind = DatasetKind(labelType: type) else {
                let supported = DatasetKind.allCases.map { String($0.labelType) }.joined(separator: ", ")
                throw ModelArtsError.invalidParameter("dataset_type", "obslab has datasets of types \(supported), not \(type)")
            }
            query.kind = kind
        }
        query.nameContains = request.uri.queryParameters["search_content"].map(String.init)
        switch request.uri.queryParameters["sort_by"] {
        case nil, "create_time": query.sortKey = .createTime
        case "dataset_name": query.sortKey = .name
        case let other?: throw ModelArtsError.invalidParameter("sort_by", "must be create_time or dataset_name, not \(other)")
        }
        switch request.uri.queryParameters["order"] {
        case nil, "desc": query.ascending = false
        case "asc": query.ascending = true
        case let other?: throw ModelArtsError.invalidParameter("order", "must be asc or desc, not \(other)")
        }
        return query
    }

    func describe(_ dataset: Dataset, withLabels: Bool, withVersions: Bool) async throws -> ModelArtsAPI.Dataset {
        let jobs = try await service.listJobs(datasetId: dataset.id)
        let activity = try await service.datasetActivity(id: dataset.id)
        var versions: [ModelArtsAPI.Version]?
        if withVersions {
            versions = []
            if let current = activity.currentVersionId {
                let version = try await service.version(datasetId: dataset.id, versionId: current)
                versions = [ModelArtsAPI.Version(version, taskType: dataset.kind.labelType)]
            }
        }
        let workPath = OBSPath.modelArtsPath(dataset.outputPath)
        let innerWorkPath = (workPath.hasSuffix("/") ? workPath : workPath + "/") + "\(dataset.name)-\(dataset.id)/"
        return ModelArtsAPI.Dataset(
            datasetId: dataset.id,
            datasetName: dataset.name,
            datasetType: dataset.kind.labelType,
            status: service.scheduledSync(datasetId: dataset.id).map { $0.outcome == nil } == true ? 5 : 1,
            dataSources: [ModelArtsAPI.DataSource(dataPath: OBSPath.modelArtsPath(dataset.inputPath))],
            workPath: workPath,
            innerWorkPath: innerWorkPath,
            innerAnnotationPath: innerWorkPath + "annotation/",
            description: dataset.description,
            createTime: ModelArtsAPI.milliseconds(dataset.createdAt),
            updateTime: ModelArtsAPI.milliseconds(dataset.updatedAt),
            totalSampleCount: dataset.counts.all,
            annotatedSampleCount: dataset.counts.labeled,
            labelTaskCount: jobs.count,
            labels: withLabels ? dataset.labels.map(ModelArtsAPI.Label.init) : nil,
            currentVersionId: activity.currentVersionId,
            currentVersionName: activity.currentVersionName,
            datasetVersionCount: activity.versionCount,
            nextVersionNum: activity.nextVersionNumber,
            deletedSampleCount: activity.deletedSampleCount,
            workforceTaskCount: activity.jobCount,
            dataUpdateTime: ModelArtsAPI.milliseconds(activity.dataUpdatedAt),
            versions: versions
        )
    }

    /// The Labeling module's spec from a creation request; the module checks names and paths further.
    static func spec(_ body: ModelArtsAPI.CreateDataset) throws -> DatasetSpec {
        guard let name = body.datasetName else { throw ModelArtsError.invalidParameter("dataset_name", "is missing") }
        guard let type = body.datasetType else { throw ModelArtsError.invalidParameter("dataset_type", "is missing") }
        guard let kind = DatasetKind(labelType: type) else {
            let supported = DatasetKind.allCases.map { "\($0.labelType) (\($0.rawValue))" }.joined(separator: ", ")
            throw ModelArtsError.invalidParameter("dataset_type", "obslab supports \(supported), not \(type)")
        }
        guard let sources = body.dataSources, !sources.isEmpty else {
            throw ModelArtsError.invalidParameter("data_sources", "is missing: a dataset needs one OBS input path")
        }
        guard sources.count == 1 else {
            throw ModelArtsError.invalidParameter("data_sources", "only one data source can be imported at a time, not \(sources.count)")
        }
        guard (sources[0].dataType ?? 0) == 0 else {
            throw ModelArtsError.invalidParameter("data_sources[0].data_type", "obslab has only OBS sources (0), not \(sources[0].dataType ?? 0)")
        }
        guard let dataPath = sources[0].dataPath else { throw ModelArtsError.invalidParameter("data_sources[0].data_path", "is missing") }
        guard let workPath = body.workPath else { throw ModelArtsError.invalidParameter("work_path", "is missing") }
        guard (body.workPathType ?? 0) == 0 else {
            throw ModelArtsError.invalidParameter("work_path_type", "obslab has only OBS output paths (0), not \(body.workPathType ?? 0)")
        }
        guard (body.workspaceId ?? "0") == "0" else {
            throw ModelArtsError.invalidParameter("workspace_id", "obslab has only the default workspace, 0, not \(body.workspaceId ?? "")")
        }
        let labels = try (body.labels ?? []).enumerated().map { index, label in
            try label.domainLabel(defaultType: kind.labelType, field: "labels[\(index)]")
        }
        return DatasetSpec(
            name: name,
            kind: kind,
            inputPath: try OBSPath.obsURL(dataPath, field: "data_sources[0].data_path"),
            outputPath: try OBSPath.obsURL(workPath, field: "work_path"),
            description: body.description ?? "",
            labels: labels
        )
    }
}
