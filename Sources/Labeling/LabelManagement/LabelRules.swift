import LabelFormats

/// What a dataset's label set accepts, and how labels change on samples.
enum LabelRules {
    /// Checks new labels against the set's `existing` names: a name of 1 to 1024 characters without line breaks, the
    /// dataset's label type, a `#RRGGBB` color, a name not in the set.
    /// - Throws: `LabelingError` invalidArgument, or conflict for a name in use.
    static func check(_ labels: [Label], kind: DatasetKind, existing: Set<String>) throws {
        var names = existing
        for label in labels {
            guard !label.name.isEmpty, label.name.count <= 1024, !label.name.contains(where: \.isNewline) else {
                throw LabelingError.invalidArgument("A label name must have 1 to 1024 characters and no line break")
            }
            guard label.type == kind.labelType else {
                throw LabelingError.invalidArgument(
                    "Label \(label.name) has type \(label.type); a \(kind.rawValue) dataset takes labels of type \(kind.labelType)"
                )
            }
            if let color = label.color, !Label.isValidColor(color) {
                throw LabelingError.invalidArgument("The color '\(color)' of label \(label.name) is not of the form #RRGGBB")
            }
            guard names.insert(label.name).inserted else {
                throw LabelingError.duplicateName("The dataset already has a label named \(label.name)")
            }
        }
    }

    /// The colors given to labels that come without one, in turn.
    static let defaultColors = ["#3399ff", "#ff6600", "#33cc66", "#cc33ff", "#ffcc00", "#ff3366", "#00cccc", "#996633"]

    /// The color of a label added without one at `position` in the set.
    static func defaultColor(position: Int) -> String {
        defaultColors[position % defaultColors.count]
    }

    /// The label renamed; a classification sample that carried both names carries the new one once.
    static func renamed(_ annotations: [Annotation], from old: String, to new: String, kind: DatasetKind) -> [Annotation] {
        var names = Set<String>()
        return annotations.compactMap { annotation in
            var annotation = annotation
            if annotation.name == old { annotation.name = new }
            return kind == .objectDetection || names.insert(annotation.name).inserted ? annotation : nil
        }
    }
}
