import Foundation
import HTTPTypes
import Hummingbird
import LabelFormats
import Labeling
import ObslabAPI

/// Editing labels: a sample's labels (of the dataset, or a labeling job's own), and the label set (rename, recolor,
/// delete with ModelArts's delete policies).
///
/// Every change records its author: the token's user, or for the owner's token the `X-Obslab-User` header's user
/// (`obslab` without it).
extension LabelingEndpoints {
    /// Replaces the labels of samples; a sample without labels becomes unlabeled. Through a workforce task, the job's own
    /// labels change (the default job's are the dataset's); in a team task, only as its members may
    /// (`LabelingEndpoints+TeamSamples.swift`). One result per sample: an unknown id fails alone.
    @Sendable func updateSamples(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let dataset = try await service.dataset(id: try context.parameters.require("dataset_id"))
        let body = try await Self.decode(ModelArtsAPI.UpdateSamples.self, from: request)
        guard let samples = body.samples, !samples.isEmpty else {
            throw ModelArtsError.invalidParameter("samples", "is missing: give the samples and their labels")
        }
        guard samples.count <= LabelingService.maxSampleUpdates else {
            throw ModelArtsError.invalidParameter("samples", "must hold 1 to \(LabelingService.maxSampleUpdates) samples, not \(samples.count)")
        }
        var updates: [SampleLabelUpdate] = []
        for (index, sample) in samples.enumerated() {
            guard let sampleId = sample.sampleId, !sampleId.isEmpty else {
                throw ModelArtsError.invalidParameter("samples[\(index)].sample_id", "is missing")
            }
            let annotations = try (sample.labels ?? []).enumerated().map { labelIndex, label in
                try label.annotation(labelType: dataset.kind.labelType, field: "samples[\(index)].labels[\(labelIndex)]")
            }
            let field = "samples[\(index)].metadata"
            let metadata = try await settableMetadata(sample.metadata ?? [:], of: sampleId, datasetId: dataset.id, field: field)
            let hard = try Self.hardExample(metadata, field: field)
            updates.append(SampleLabelUpdate(sampleId: sampleId, annotations: annotations, hard: hard))
        }
        let results = try await updateLabels(datasetId: dataset.id, taskId: context.parameters.get("task_id"), updates, email: body.email)
        return try Self.json(
            ModelArtsAPI.UpdateSamplesResponse(
                success: results.allSatisfy { $0.error == nil },
                results: results.map { ModelArtsAPI.BatchResult($0.error) }
            )
        )
    }

    /// Renames and recolors labels, all or none: `{"labels": [{"name": …, "property": {"@modelarts:rename_to": …,
    /// "@modelarts:color": …}}]}`.
    @Sendable func updateLabels(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let datasetId = try context.parameters.require("dataset_id")
        let body = try await Self.decode(ModelArtsAPI.LabelBatch.self, from: request)
        guard let labels = body.labels, !labels.isEmpty else {
            throw ModelArtsError.invalidParameter("labels", "is missing: give the labels to change")
        }
        let changes = try labels.enumerated().map { index, label in
            guard let name = label.name, !name.isEmpty else { throw ModelArtsError.invalidParameter("labels[\(index)].name", "is missing") }
            return try Self.labelChange(name: name, property: label.property ?? [:], field: "labels[\(index)].property")
        }
        try await service.updateLabels(datasetId: datasetId, changes, author: Self.author(request))
        return try Self.json(ModelArtsAPI.BatchResponse(success: true))
    }

    /// One label: the body is its properties (`{"@modelarts:rename_to": …, "@modelarts:color": …}`). 204, as ModelArts.
    @Sendable func updateLabel(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let datasetId = try context.parameters.require("dataset_id")
        let property = try await Self.decode([String: JSONValue].self, from: request)
        let change = try Self.labelChange(name: try Self.labelName(request, context: context), property: property, field: "body")
        try await service.updateLabels(datasetId: datasetId, [change], author: Self.author(request))
        return Response(status: .noContent)
    }

    /// `POST …/labels/delete?delete_policy=0|1|2` (0 when absent), and obslab's `dry_run=true`, which answers what the
    /// deletion would do and deletes nothing.
    @Sendable func deleteLabels(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let datasetId = try context.parameters.require("dataset_id")
        let body = try await Self.decode(ModelArtsAPI.LabelBatch.self, from: request)
        guard let labels = body.labels, !labels.isEmpty else {
            throw ModelArtsError.invalidParameter("labels", "is missing: give the labels to delete")
        }
        let names = try labels.enumerated().map { index, label in
            guard let name = label.name, !name.isEmpty else { throw ModelArtsError.invalidParameter("labels[\(index)].name", "is missing") }
            return name
        }
        let policy = try Self.deletePolicy(request, default: .labelOnly)
        return try await deleteLabels(datasetId: datasetId, names: names, policy: policy, request: request)
    }

    /// `DELETE …/labels/{label_name}`: ModelArts's "delete a label and the files that only contain the label", so policy 1
    /// by default, 2 with `delete_source=true`; obslab also takes `delete_policy` (and `dry_run`), as the batch does.
    /// Answers 204 with no body, as ModelArts ("Deleting a Label and the Files that Only Contain the Label"), or the
    /// label's error when the deletion failed; a dry run answers 200 with what the deletion would do.
    @Sendable func deleteLabel(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let datasetId = try context.parameters.require("dataset_id")
        let name = try Self.labelName(request, context: context)
        let hasPolicy = request.uri.queryParameters["delete_policy"] != nil
        let hasSource = request.uri.queryParameters["delete_source"] != nil
        if hasPolicy && hasSource {
            throw ModelArtsError.invalidParameter("delete_source", "cannot be given with delete_policy: give one of them")
        }
        let policy: LabelDeletionPolicy =
            hasSource
            ? (try Self.boolean("delete_source", in: request) ? .samplesAndSourceFiles : .samples)
            : try Self.deletePolicy(request, default: .samples)
        if try Self.boolean("dry_run", in: request) {
            return try await deleteLabels(datasetId: datasetId, names: [name], policy: policy, request: request)
        }
        let report = try await service.deleteLabels(datasetId: datasetId, names: [name], policy: policy, author: Self.author(request))
        if let error = report.results.compactMap(\.error).first { throw error }
        return Response(status: .noContent)
    }

    private func deleteLabels(datasetId: String, names: [String], policy: LabelDeletionPolicy, request: Request) async throws -> Response {
        let dryRun = try Self.boolean("dry_run", in: request)
        let report =
            dryRun
            ? try await service.labelDeletionPlan(datasetId: datasetId, names: names, policy: policy)
            : try await service.deleteLabels(datasetId: datasetId, names: names, policy: policy, author: Self.author(request))
        return try Self.json(
            ModelArtsAPI.LabelDeletion(
                success: report.succeeded,
                results: report.results.map { ModelArtsAPI.BatchResult($0.error) },
                deletePolicy: policy.rawValue,
                dryRun: dryRun,
                sampleIds: report.sampleIds,
                impact: report.impact.map(ModelArtsAPI.DeletionImpact.init)
            )
        )
    }

    /// The author of a change: the caller's (`TokenAuthenticationMiddleware` checked `X-Obslab-User`; the service
    /// checks the name).
    static func author(_ request: Request) -> String {
        RequestCaller.current?.author ?? LabelingService.defaultAuthor
    }

    /// The label named in the path, percent-decoded. The routes of `…/labels/delete` with PUT and DELETE are those of a
    /// label named `delete`: the router matches the literal segment first and would not try `{label_name}`.
    static func labelName(_ request: Request, context: BasicRequestContext) throws -> String {
        let raw = context.parameters.get("label_name") ?? request.uri.path.split(separator: "/").last.map(String.init) ?? ""
        guard let name = raw.removingPercentEncoding, !name.isEmpty else {
            throw ModelArtsError.invalidParameter("label_name", "is not a percent-encoded label name: \(raw)")
        }
        return name
    }

    static func deletePolicy(_ request: Request, default defaultPolicy: LabelDeletionPolicy) throws -> LabelDeletionPolicy {
        let value = try Self.integer("delete_policy", in: request, default: defaultPolicy.rawValue, range: 0...2)
        return LabelDeletionPolicy(rawValue: value) ?? defaultPolicy
    }

    /// A label change from ModelArts `LabelProperty`: `@modelarts:rename_to`, `@modelarts:color`, other string properties.
    static func labelChange(name: String, property: [String: JSONValue], field: String) throws -> LabelChange {
        var change = LabelChange(name: name)
        for (key, value) in property {
            guard let text = value.stringValue else { throw ModelArtsError.invalidParameter("\(field).\(key)", "must be a string") }
            switch key {
            case ModelArtsAPI.PropertyKey.renameTo: change.renameTo = text
            case ModelArtsAPI.PropertyKey.color: change.color = text
            default: change.properties[key] = text
            }
        }
        return change
    }
}

extension ModelArtsAPI.BatchResult {
    init(_ error: LabelingError?) {
        self.init(success: error == nil, errorCode: error?.modelArtsCode, errorMessage: error?.message)
    }
}

extension ModelArtsAPI.Label {
    /// The annotation a sample label describes, the inverse of how a sample's labels are written: `@modelarts:shape` and
    /// `@modelarts:feature` make its shape, `@modelarts:color` and the other properties stay as strings. A 400 naming
    /// `field` for a missing name, a label of another type or a feature that does not fit its shape.
    func annotation(labelType: Int, field: String) throws -> Annotation {
        guard let name, !name.isEmpty else { throw ModelArtsError.invalidParameter("\(field).name", "is missing") }
        if let type, type != labelType {
            throw ModelArtsError.invalidParameter("\(field).type", "must be \(labelType), the dataset's label type, not \(type)")
        }
        var properties: [String: String] = [:]
        var shapeName: String?
        var feature: [[Double]]?
        for (key, value) in property ?? [:] {
            switch key {
            case ModelArtsAPI.PropertyKey.shape:
                guard let text = value.stringValue else { throw ModelArtsError.invalidParameter("\(field).property.\(key)", "must be a string") }
                shapeName = text
            case ModelArtsAPI.PropertyKey.feature:
                guard let rows = value.numberRows else {
                    throw ModelArtsError.invalidParameter("\(field).property.\(key)", "must be a list of points such as [[0,10],[50,95]]")
                }
                feature = rows
            default:
                properties[key] = value.propertyString
            }
        }
        return Annotation(name: name, shape: try Self.shape(shapeName, feature, field: "\(field).property"), properties: properties)
    }

    /// No shape without both keys; coordinates are at least 0, and a box's first point is above and left of its second.
    private static func shape(_ name: String?, _ feature: [[Double]]?, field: String) throws -> Shape? {
        switch (name, feature) {
        case (nil, nil):
            return nil
        case (nil, _?):
            throw ModelArtsError.invalidParameter("\(field).\(ModelArtsAPI.PropertyKey.shape)", "is missing: name the shape of the feature")
        case (let name?, nil):
            throw ModelArtsError.invalidParameter("\(field).\(ModelArtsAPI.PropertyKey.feature)", "is missing: give the points of the \(name)")
        case (let name?, let feature?):
            let key = "\(field).\(ModelArtsAPI.PropertyKey.feature)"
            guard let shape = Shape(modelArtsName: name, feature: feature) else {
                throw ModelArtsError.invalidParameter(key, "does not describe a \(name) (bndbox, polygon, circle, line, dashed, point, polyline)")
            }
            guard feature.allSatisfy({ $0.allSatisfy { $0 >= 0 } }) else {
                throw ModelArtsError.invalidParameter(key, "has a negative coordinate")
            }
            if case .boundingBox(let xmin, let ymin, let xmax, let ymax) = shape, !(xmin < xmax && ymin < ymax) {
                throw ModelArtsError.invalidParameter(key, "must give the upper left point of the box first, then the lower right one")
            }
            return shape
        }
    }
}

extension HTTPField.Name {
    static let obslabUser = HTTPField.Name(ModelArtsAPI.userHeader)!
}
