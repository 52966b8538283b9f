import Hummingbird
import LabelFormats
import Labeling
import ObslabAPI

extension LabelingEndpoints {
    @Sendable func createDataset(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let body = try await Self.decode(ModelArtsAPI.CreateDataset.self, from: request)
        let dataset = try await service.createDataset(try Self.spec(body))
        return try Self.json(ModelArtsAPI.CreateDatasetResponse(datasetId: dataset.id), status: .created)
    }

    @Sendable func listDatasets(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let offset = try Self.integer("offset", in: request, default: 0, range: 0...Int.max)
        let limit = try Self.integer("limit", in: request, default: 10, range: 1...100)
        let withLabels = try Self.boolean("with_labels", in: request)
        let (datasets, total) = try await service.listDatasets(offset: offset, limit: limit)
        var described: [ModelArtsAPI.Dataset] = []
        for dataset in datasets {
            described.append(try await describe(dataset, withLabels: withLabels))
        }
        return try Self.json(ModelArtsAPI.DatasetList(datasets: described, totalNumber: total))
    }

    @Sendable func showDataset(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let dataset = try await service.dataset(id: try context.parameters.require("dataset_id"))
        return try Self.json(try await describe(dataset, withLabels: true))
    }

    /// Forgets the dataset, its jobs and samples; the objects in OBS stay.
    @Sendable func deleteDataset(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let datasetId = try context.parameters.require("dataset_id")
        try await service.deleteDataset(id: datasetId)
        syncRunner.forget(datasetId: datasetId)
        return Response(status: .noContent)
    }

    func describe(_ dataset: Dataset, withLabels: Bool) async throws -> ModelArtsAPI.Dataset {
        let jobs = try await service.listJobs(datasetId: dataset.id)
        let workPath = OBSPath.modelArtsPath(dataset.outputPath)
        let innerWorkPath = (workPath.hasSuffix("/") ? workPath : workPath + "/") + "\(dataset.name)-\(dataset.id)/"
        return ModelArtsAPI.Dataset(
            datasetId: dataset.id,
            datasetName: dataset.name,
            datasetType: dataset.kind.labelType,
            status: syncRunner.isRunning(datasetId: dataset.id) ? 5 : 1,
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
            labels: withLabels ? dataset.labels.map(ModelArtsAPI.Label.init) : nil
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
