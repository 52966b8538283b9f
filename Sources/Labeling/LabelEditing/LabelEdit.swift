import Foundation
import LabelFormats

/// Who changes labels and when: what every label change records, and how labels are checked and stored.
struct LabelEdit: Sendable {
    var author: String
    var date: Date

    /// The sample's labels are now the user's: no file explains them any more, and a sample left without labels says
    /// who cleared it. The label file's key and ETag stay, so that a sync replaces these labels only when that file
    /// changes.
    func apply(_ annotations: [Annotation], to sample: inout SampleEntry) {
        sample.annotations = annotations
        sample.isLabeled = !annotations.isEmpty
        sample.labelSource = nil
        sample.unlabeledReason =
            annotations.isEmpty
            ? UnlabeledReason(code: .clearedByUser, message: "\(author) removed every label of this sample")
            : nil
        sample.labeledBy = author
        sample.labeledAt = date
        sample.updatedAt = date
    }

    /// The annotations as stored: classification labels once each; every object detection label with its shape.
    /// - Throws: `LabelingError.invalidArgument` for a bad label, a detection label without a shape or a shape on
    ///   another type.
    static func checked(_ annotations: [Annotation], kind: DatasetKind) throws -> [Annotation] {
        var names = Set<String>()
        var result: [Annotation] = []
        for annotation in annotations {
            try LabelRules.check([Label(name: annotation.name, type: kind.labelType, color: annotation.color)], kind: kind, existing: [])
            if kind == .objectDetection {
                guard annotation.shape != nil else {
                    throw LabelingError.invalidArgument(
                        "The object detection label \(annotation.name) has no shape: give @modelarts:shape and @modelarts:feature"
                    )
                }
                result.append(annotation)
            } else {
                guard annotation.shape == nil else {
                    throw LabelingError.invalidArgument("Label \(annotation.name) has a shape; only object detection labels have one")
                }
                if names.insert(annotation.name).inserted { result.append(annotation) }
            }
        }
        return result
    }

    /// The annotations as stored against the label set's `colors`: colors equal to the label's are dropped, and the
    /// PASCAL VOC flags of the boxes that were there before are kept.
    static func stored(_ annotations: [Annotation], colors: [String: String?], previous: [Annotation]) -> [Annotation] {
        annotations.map { annotation in
            var annotation = annotation
            if let color = annotation.color, colors[annotation.name] == color {
                annotation.properties[Annotation.colorProperty] = nil
            }
            if annotation.shape != nil, let before = previous.first(where: { $0.name == annotation.name && $0.shape == annotation.shape }) {
                annotation.pose = annotation.pose ?? before.pose
                annotation.truncated = annotation.truncated ?? before.truncated
                annotation.occluded = annotation.occluded ?? before.occluded
                annotation.difficult = annotation.difficult ?? before.difficult
            }
            return annotation
        }
    }
}
