import LabelFormats

/// What "Modifying a Dataset" changes: the name, description and current version, and the label set (labels added,
/// changed and deleted, as label management does). Nil and empty members change nothing.
public struct DatasetUpdate: Sendable, Hashable {
    public var name: String?
    public var description: String?
    /// A published version of the dataset, which becomes its current one.
    public var currentVersionId: String?
    public var addLabels: [Label]
    public var updateLabels: [LabelChange]
    /// Names of labels to delete from the label set and every sample (ModelArts's delete policy 0: samples stay).
    public var deleteLabels: [String]

    public init(
        name: String? = nil,
        description: String? = nil,
        currentVersionId: String? = nil,
        addLabels: [Label] = [],
        updateLabels: [LabelChange] = [],
        deleteLabels: [String] = []
    ) {
        self.name = name
        self.description = description
        self.currentVersionId = currentVersionId
        self.addLabels = addLabels
        self.updateLabels = updateLabels
        self.deleteLabels = deleteLabels
    }

    /// Checks the whole update against the dataset before anything changes, so that a bad part changes nothing.
    /// - Throws: `LabelingError` invalidArgument for a bad name or description, a label named twice, a label to change
    ///   or delete that the set lacks (labelNotFound), a label to add that does not fit the set.
    func check(against dataset: Dataset) throws {
        if let name { try Validation.checkName(name, what: "dataset name", maxLength: 100) }
        if let description { try Validation.checkDescription(description) }
        let existing = Set(dataset.labels.map(\.name))
        for name in updateLabels.map(\.name) + deleteLabels where !existing.contains(name) {
            throw LabelingError.labelNotFound(name, datasetId: dataset.id)
        }
        let touched = updateLabels.map(\.name) + deleteLabels
        if let twice = Dictionary(grouping: touched, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw LabelingError.invalidArgument("Label \(twice) is named more than once among the labels to update and delete")
        }
        try LabelRules.check(addLabels, kind: dataset.kind, existing: existing.subtracting(deleteLabels))
    }
}
