/// An error of the labeling layer, with a ModelArts-style code (`ModelArts.4xxx`) and a kind the REST front maps
/// to an HTTP status.
public struct LabelingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What sort of failure this is, which decides the HTTP status.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Sendable {
            case notFound
            case invalidArgument
            case conflict
            case `internal`
        }

        private let value: Value
        private init(_ value: Value) { self.value = value }

        public var description: String { value.rawValue }

        /// 404.
        public static let notFound = Kind(.notFound)
        /// 400.
        public static let invalidArgument = Kind(.invalidArgument)
        /// 409.
        public static let conflict = Kind(.conflict)
        /// 500.
        public static let `internal` = Kind(.internal)

        /// The HTTP status the REST front answers with.
        public var httpStatus: Int {
            switch value {
            case .notFound: 404
            case .invalidArgument: 400
            case .conflict: 409
            case .internal: 500
            }
        }
    }

    /// The ModelArts-style code, such as `ModelArts.4352` (dataset not found).
    public let code: String
    public let message: String
    public let kind: Kind

    public init(code: String, message: String, kind: Kind) {
        self.code = code
        self.message = message
        self.kind = kind
    }

    public var description: String { "\(code): \(message)" }
}

/// ModelArts's own codes where they are known: `ModelArts.4352` (dataset not found, as ModelArts answers it) and the
/// generic `ModelArts.0102` (resource does not exist), `0103` (duplicate name), `0104` (parameter error) and `0010`
/// (internal error) of its error code table. A failed sync, publish or source deletion has no documented code:
/// `ModelArts.4360` to `4362`, in the dataset range.
extension LabelingError {
    public static func invalidArgument(_ message: String) -> LabelingError {
        LabelingError(code: "ModelArts.0104", message: message, kind: .invalidArgument)
    }

    public static func datasetNotFound(_ id: String) -> LabelingError {
        LabelingError(code: "ModelArts.4352", message: "Dataset \(id) does not exist", kind: .notFound)
    }

    public static func duplicateName(_ message: String) -> LabelingError {
        LabelingError(code: "ModelArts.0103", message: message, kind: .conflict)
    }

    public static func jobNotFound(_ id: String, datasetId: String) -> LabelingError {
        LabelingError(code: "ModelArts.0102", message: "Labeling job \(id) of dataset \(datasetId) does not exist", kind: .notFound)
    }

    public static func sampleNotFound(_ id: String) -> LabelingError {
        LabelingError(code: "ModelArts.0102", message: "Sample \(id) does not exist", kind: .notFound)
    }

    public static func labelNotFound(_ name: String, datasetId: String) -> LabelingError {
        LabelingError(code: "ModelArts.0102", message: "Dataset \(datasetId) has no label named \(name)", kind: .notFound)
    }

    public static func versionNotFound(_ id: String, datasetId: String) -> LabelingError {
        LabelingError(code: "ModelArts.0102", message: "Version \(id) of dataset \(datasetId) does not exist", kind: .notFound)
    }

    /// The storage refused a file of a version being published; nothing of the version was recorded.
    public static func publishFailed(_ message: String) -> LabelingError {
        LabelingError(code: "ModelArts.4361", message: message, kind: .internal)
    }

    /// The storage refused to delete a sample's source file; the sample was kept.
    public static func sourceDeletionFailed(_ message: String) -> LabelingError {
        LabelingError(code: "ModelArts.4362", message: message, kind: .internal)
    }

    public static func syncFailed(_ message: String) -> LabelingError {
        LabelingError(code: "ModelArts.4360", message: message, kind: .internal)
    }

    /// A sync that was running when obslab stopped.
    static let interruptedSync = LabelingError(
        code: "ModelArts.4360",
        message: "The sync was interrupted: obslab stopped while it ran",
        kind: .internal
    )

    public static func internalError(_ message: String) -> LabelingError {
        LabelingError(code: "ModelArts.0010", message: message, kind: .internal)
    }
}
