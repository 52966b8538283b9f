import Foundation
import LabelFormats
import Labeling
import ObslabAPI

extension ModelArtsAPI.Label {
    /// A label of a dataset's label set: its color in `@modelarts:color`, its other properties beside it.
    init(_ label: LabelFormats.Label) {
        var property = label.properties.mapValues { JSONValue.string($0) }
        if let color = label.color { property[ModelArtsAPI.PropertyKey.color] = .string(color) }
        self.init(name: label.name, type: label.type, property: property)
    }

    init(_ statistic: LabelStatistic) {
        self.init(statistic.label)
        sampleCount = statistic.sampleCount
    }

    /// A label on a sample: for object detection, `@modelarts:shape` and `@modelarts:feature`; the color of the
    /// annotation, else of the dataset's label of that name.
    init(_ annotation: Annotation, type: Int, datasetLabels: [String: LabelFormats.Label], annotatedBy: String?) {
        var property = annotation.properties.mapValues { JSONValue.string($0) }
        if property[ModelArtsAPI.PropertyKey.color] == nil, let color = datasetLabels[annotation.name]?.color {
            property[ModelArtsAPI.PropertyKey.color] = .string(color)
        }
        if let shape = annotation.shape {
            property[ModelArtsAPI.PropertyKey.shape] = .string(shape.modelArtsName)
            property[ModelArtsAPI.PropertyKey.feature] = JSONValue(numberRows: shape.feature)
        }
        self.init(name: annotation.name, type: type, property: property, annotatedBy: annotatedBy)
    }

    /// The label a creation request describes; a 400 naming `field` when it lacks a name or has a bad color.
    func domainLabel(defaultType: Int, field: String) throws -> LabelFormats.Label {
        guard let name, !name.isEmpty else { throw ModelArtsError.invalidParameter("\(field).name", "is missing") }
        var color: String?
        var properties: [String: String] = [:]
        for (key, value) in property ?? [:] {
            guard let text = value.stringValue else {
                throw ModelArtsError.invalidParameter("\(field).property.\(key)", "must be a string")
            }
            if key == ModelArtsAPI.PropertyKey.color {
                guard LabelFormats.Label.isValidColor(text) else {
                    throw ModelArtsError.invalidParameter("\(field).property.\(key)", "must be a color such as #3399ff, not \(text)")
                }
                color = text
            } else {
                properties[key] = text
            }
        }
        return LabelFormats.Label(name: name, type: type ?? defaultType, color: color, properties: properties)
    }
}

/// What samples are shown with: their dataset, and its labels by name (a sample's labels take their colors from them),
/// looked up once for a page of samples rather than once for each.
struct SampleContext {
    let dataset: Dataset
    let labelsByName: [String: LabelFormats.Label]

    init(_ dataset: Dataset) {
        self.dataset = dataset
        labelsByName = Dictionary(dataset.labels.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

extension ModelArtsAPI.Sample {
    init(_ sample: Labeling.Sample, in context: SampleContext) {
        let dataset = context.dataset
        let slash = sample.key.lastIndex(of: "/")
        let name = slash.map { String(sample.key[sample.key.index(after: $0)...]) } ?? sample.key
        let directory = slash.map { String(sample.key[...$0]) } ?? ""
        self.init(
            sampleId: sample.id,
            sampleType: dataset.kind.sampleType,
            sampleName: name,
            sampleDir: "obs://\(sample.bucket)/\(directory)",
            sampleSize: sample.size,
            sampleTime: ModelArtsAPI.milliseconds(sample.updatedAt),
            sampleStatus: sample.isLabeled ? ModelArtsAPI.SampleState.labeled : ModelArtsAPI.SampleState.unlabeled,
            source: "obs://\(sample.bucket)/\(sample.key)",
            sampleData: sample.text.map { [$0] },
            line: sample.line,
            labels: sample.annotations.map {
                ModelArtsAPI.Label($0, type: dataset.kind.labelType, datasetLabels: context.labelsByName, annotatedBy: sample.labeledBy)
            },
            metadata: Self.metadata(sample),
            labelSource: sample.labelSource.map(ModelArtsAPI.LabelSource.init),
            unlabeledReason: sample.unlabeledReason.map(ModelArtsAPI.UnlabeledReason.init)
        )
    }
}

extension ModelArtsAPI.Sample {
    /// `@modelarts:import_origin` 0 (OBS) or 1 (inference: a manifest entry gave its `inference-loc`), `@modelarts:hard`
    /// 1 or 0 once something said whether the sample is hard, and the sample attributes auto grouping wrote.
    static func metadata(_ sample: Labeling.Sample) -> [String: JSONValue] {
        var metadata = sample.attributes.mapValues { JSONValue.string($0) }
        metadata[ModelArtsAPI.PropertyKey.importOrigin] = .number(sample.isInference ? 1 : 0)
        if let hard = sample.hard { metadata[ModelArtsAPI.PropertyKey.hard] = .number(hard ? 1 : 0) }
        if let reasons = sample.hardReasons { metadata[ModelArtsAPI.PropertyKey.hardReasons] = .array(reasons.map { .number(Double($0)) }) }
        if let coefficient = sample.hardCoefficient { metadata[ModelArtsAPI.PropertyKey.hardCoefficient] = .number(coefficient) }
        return metadata
    }
}

extension ModelArtsAPI.LabelSource {
    init(_ source: Labeling.LabelSource) {
        switch source {
        case .sidecar(let key, let etag): self.init(type: "sidecar", key: key, etag: etag)
        case .folder(let name): self.init(type: "folder", name: name)
        case .manifest(let key): self.init(type: "manifest", key: key)
        }
    }
}

extension ModelArtsAPI.UnlabeledReason {
    init(_ reason: Labeling.UnlabeledReason) {
        self.init(
            code: Self.code(reason.code),
            message: reason.message,
            sidecar: reason.sidecarKey,
            storageErrorCode: reason.storageErrorCode,
            kmsKeyId: reason.kmsKeyId,
            principal: reason.principal,
            position: reason.position,
            deniedBy: reason.accessDenial?.because
        )
    }

    /// `no_sidecar`, `sidecar_unreadable`, `access_denied`, `sidecar_malformed`, `labels_of_another_type`, `labels_cleared`,
    /// `labels_deleted_with_default_job`.
    static func code(_ code: Labeling.UnlabeledReason.Code) -> String {
        switch code {
        case .noSidecar: "no_sidecar"
        case .sidecarUnreadable: "sidecar_unreadable"
        case .accessDenied: "access_denied"
        case .sidecarMalformed: "sidecar_malformed"
        case .labelsOfAnotherType: "labels_of_another_type"
        case .clearedByUser: "labels_cleared"
        case .deletedWithDefaultJob: "labels_deleted_with_default_job"
        }
    }
}

extension ModelArtsAPI.SyncStatus {
    /// A finished (or, read from the catalog, running) sync.
    init(_ report: SyncReport) {
        let status =
            switch report.status {
            case .running: Self.running
            case .succeeded: Self.completed
            case .failed: Self.failed
            }
        let end = report.finishedAt ?? Date()
        self.init(
            status: status,
            datasetId: report.datasetId,
            taskId: report.id,
            createTime: ModelArtsAPI.milliseconds(report.startedAt),
            durationTime: ModelArtsAPI.milliseconds(end) - ModelArtsAPI.milliseconds(report.startedAt),
            addSampleCount: report.addedSampleCount,
            deletedSampleCount: report.deletedSampleCount,
            totalSampleCount: report.totalSampleCount,
            errorCode: report.error?.modelArtsCode,
            errorMessage: report.error?.message,
            sidecarsRead: report.sidecarsRead,
            sidecarsUnchanged: report.sidecarsUnchanged
        )
    }
}
