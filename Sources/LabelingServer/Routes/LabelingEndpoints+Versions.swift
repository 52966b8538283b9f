import Foundation
import Hummingbird
import LabelFormats
import Labeling
import ObslabAPI

extension LabelingEndpoints {
    /// Publishes the dataset as it is now; the Labeling module names it (`V001`, …) unless `version_name` does.
    @Sendable func publishVersion(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let datasetId = try context.parameters.require("dataset_id")
        let body = try await Self.decode(ModelArtsAPI.CreateVersion.self, from: request)
        if let format = body.versionFormat, format != ModelArtsAPI.Version.defaultFormat {
            throw ModelArtsError.invalidParameter(
                "version_format",
                "obslab publishes only \(ModelArtsAPI.Version.defaultFormat) versions, not \(format)"
            )
        }
        if body.exportImages == true {
            throw ModelArtsError.invalidParameter("export_images", "obslab copies no image into a version: its manifest names the source objects")
        }
        if body.removeSampleUsage == false {
            throw ModelArtsError.invalidParameter(
                "remove_sample_usage",
                "obslab keeps no usage with samples: a version's usages come from train_evaluate_sample_ratio"
            )
        }
        let spec = VersionSpec(
            name: body.versionName,
            description: body.description ?? "",
            clearsHardExamples: body.clearHardProperty ?? true,
            trainingShare: try Self.trainingShare(body.trainEvaluateSampleRatio)
        )
        let version = try await service.publishVersion(datasetId: datasetId, spec)
        return try Self.json(ModelArtsAPI.CreateVersionResponse(versionId: version.id), status: .created)
    }

    @Sendable func listVersions(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let offset = try Self.integer("offset", in: request, default: 0, range: 0...Int.max)
        let limit = try Self.integer("limit", in: request, default: 1000, range: 1...1000)
        let dataset = try await service.dataset(id: try context.parameters.require("dataset_id"))
        let (versions, total) = try await service.listVersions(datasetId: dataset.id, offset: offset, limit: limit)
        let described = versions.map { ModelArtsAPI.Version($0, taskType: dataset.kind.labelType) }
        return try Self.json(ModelArtsAPI.VersionList(totalNumber: total, versions: described))
    }

    @Sendable func showVersion(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let dataset = try await service.dataset(id: try context.parameters.require("dataset_id"))
        let version = try await service.version(datasetId: dataset.id, versionId: try context.parameters.require("version_id"))
        return try Self.json(ModelArtsAPI.Version(version, taskType: dataset.kind.labelType))
    }

    /// `train_evaluate_sample_ratio`, a decimal from 0 to 1 written as a string (`"0.8"`); 1 when absent.
    static func trainingShare(_ text: String?) throws -> Double {
        guard let text else { return 1 }
        guard let share = Double(text), (0...1).contains(share) else {
            throw ModelArtsError.invalidParameter("train_evaluate_sample_ratio", "must be a decimal from 0 to 1, such as \"0.8\", not \(text)")
        }
        return share
    }

    /// Forgets the version; its manifest stays in the output path.
    @Sendable func deleteVersion(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try await service.deleteVersion(
            datasetId: try context.parameters.require("dataset_id"),
            versionId: try context.parameters.require("version_id")
        )
        return Response(status: .noContent)
    }
}

extension ModelArtsAPI.Version {
    init(_ version: DatasetVersion, taskType: Int) {
        self.init(
            versionId: version.id,
            versionName: version.name,
            versionFormat: Self.defaultFormat,
            previousVersionId: version.previousVersionId,
            status: 1,
            createTime: ModelArtsAPI.milliseconds(version.createdAt),
            totalSampleCount: version.totalSampleCount,
            annotatedSampleCount: version.annotatedSampleCount,
            addSampleCount: version.addedSampleCount,
            modifiedSampleCount: version.modifiedSampleCount,
            deletedSampleCount: version.deletedSampleCount,
            manifestPath: OBSPath.modelArtsPath(version.manifestPath),
            isCurrent: version.isCurrent,
            description: version.description,
            labelStats: version.labelStatistics.map { statistic in
                ModelArtsAPI.LabelStats(
                    name: statistic.label.name,
                    type: statistic.label.type,
                    property: ModelArtsAPI.Label(statistic.label).property ?? [:],
                    count: statistic.annotationCount,
                    sampleCount: statistic.sampleCount
                )
            },
            labelType: version.hasMultiLabelSamples ? "multi" : "single",
            taskType: taskType,
            clearHardProperty: version.clearsHardExamples,
            trainEvaluateSampleRatio: Self.ratioText(version.trainingShare),
            dataPath: OBSPath.modelArtsPath(Self.folder(of: version.manifestPath) + "data/")
        )
    }

    /// `obs://bucket/…/V001/` of `obs://bucket/…/V001/V001.manifest`.
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[...slash])
    }

    /// ModelArts writes ratios with two decimals at least (`1.00`, `0.80`, `0.9999`).
    static func ratioText(_ share: Double) -> String {
        let twoDecimals = String(format: "%.2f", share)
        return Double(twoDecimals) == share ? twoDecimals : String(share)
    }
}
