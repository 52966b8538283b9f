import Foundation
import Labeling
import ObslabAPI

/// Auto grouping tasks as the API gives them, and the request as the domain reads it.
extension ModelArtsAPI.SmartTask {
    init(_ task: GroupingTask) {
        let status: Int
        let message: String
        switch task.status {
        case .running where task.isStopping:
            status = Self.stopping
            message = "Stopping after image \(task.processedSampleCount) of \(task.totalSampleCount)"
        case .running:
            status = Self.running
            message = "Reading and measuring image \(task.processedSampleCount) of \(task.totalSampleCount)"
        case .completed:
            status = Self.succeeded
            let grouped = task.groupSizes.reduce(0, +)
            message =
                "Grouped \(grouped) images into \(task.groupSizes.count) groups"
                + (task.skippedCount > 0 ? "; \(task.skippedCount) skipped (see result.skipped_samples)" : "")
        case .failed:
            status = Self.failed
            message = task.error?.message ?? "The auto grouping task failed"
        case .stopped:
            status = Self.stopped
            message = "Stopped after image \(task.processedSampleCount) of \(task.totalSampleCount); no result was written"
        }
        let end = task.finishedAt ?? Date()
        let spec = task.spec
        var config = ModelArtsAPI.SmartTaskConfig(
            nClusters: spec.groupCount,
            ambiguity: spec.features.contains(.sharpness),
            imageBrightness: spec.features.contains(.brightness),
            imageColorfulness: spec.features.contains(.color),
            seed: spec.seed
        )
        switch spec.result {
        case .attribute(let name):
            config.property = name
            config.resultType = 1
        case .obs(let folder):
            config.outputDir = folder
            config.resultType = 0
        }
        self.init(
            taskId: task.id,
            datasetId: task.datasetId,
            createTime: Self.time(task.createdAt),
            status: status,
            progress: (task.progress * 1000).rounded() / 10,
            elapsedTime: Int64(max(0, end.timeIntervalSince(task.createdAt)).rounded()),
            message: message,
            errorCode: task.error?.modelArtsCode,
            errorMessage: task.error?.message,
            exportType: config.resultType ?? 1,
            totalSampleCount: task.totalSampleCount,
            config: config,
            result: ModelArtsAPI.SmartTaskResult(
                totalSampleCount: task.totalSampleCount,
                processedSampleCount: task.processedSampleCount,
                groupSizes: task.groupSizes,
                manifestPath: task.resultFile,
                skippedSampleCount: task.skippedCount,
                skippedSamples: task.skipped.map { ModelArtsAPI.SkippedSample(source: $0.source, reason: $0.reason) }
            )
        )
    }

    /// ModelArts's task times: `2020-11-23 11:08:20`, here in UTC.
    static func time(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }
}

extension ModelArtsAPI.SmartTaskConfig {
    /// The grouping the config asks for. `result_type` 1 (or a `property` alone) updates that attribute; 0 (or an
    /// `output_dir` alone) saves to that OBS folder. Without any of `ambiguity`, `image_brightness` and
    /// `image_colorfulness`, all three measures are used.
    func groupingSpec() throws -> GroupingSpec {
        guard let groupCount = nClusters else {
            throw ModelArtsError.invalidParameter("config.n_clusters", "is missing: give the number of groups, 2 to 200")
        }
        guard GroupingSpec.groupCounts.contains(groupCount) else {
            throw ModelArtsError.invalidParameter("config.n_clusters", "must be 2 to 200, not \(groupCount)")
        }
        var features: Set<GroupingSpec.Feature> = []
        if ambiguity == true { features.insert(.sharpness) }
        if imageBrightness == true { features.insert(.brightness) }
        if imageColorfulness == true { features.insert(.color) }
        let result: GroupingSpec.Result
        switch resultType ?? (property != nil ? 1 : outputDir != nil ? 0 : nil) {
        case 1?:
            guard let property, !property.isEmpty else {
                throw ModelArtsError.invalidParameter("config.property", "is missing: result_type 1 writes the groups to this sample attribute")
            }
            if outputDir != nil { throw ModelArtsError.invalidParameter("config.output_dir", "is for result_type 0 (save to OBS), not 1") }
            result = .attribute(property)
        case 0?:
            guard let outputDir, !outputDir.isEmpty else {
                throw ModelArtsError.invalidParameter("config.output_dir", "is missing: result_type 0 saves the groups to this OBS folder")
            }
            if property != nil { throw ModelArtsError.invalidParameter("config.property", "is for result_type 1 (update attribute), not 0") }
            result = .obs(folder: outputDir.hasPrefix("s3://") ? "obs://" + outputDir.dropFirst("s3://".count) : outputDir)
        case nil:
            throw ModelArtsError.invalidParameter(
                "config.result_type",
                "is missing: 1 with config.property (update attribute) or 0 with config.output_dir (save to OBS)"
            )
        case let other?:
            throw ModelArtsError.invalidParameter("config.result_type", "must be 0 (save to OBS) or 1 (update attribute), not \(other)")
        }
        return GroupingSpec(groupCount: groupCount, features: features, result: result, seed: seed ?? 0)
    }
}
