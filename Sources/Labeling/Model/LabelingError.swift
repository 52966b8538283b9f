/// An error of the labeling layer: what failed (`code`), a message for people, and what sort of failure it is.
///
/// The domain knows nothing of the layers above it: the API renders an error with an HTTP status and a ModelArts code
/// (LabelingServer's `ModelArtsError+Conversion.swift`).
public struct LabelingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What failed. Failed syncs and imports are stored with their code's raw value: a raw value never changes once
    /// shipped.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        case invalidArgument
        /// A name (of a dataset, job, version, label or file) already in use.
        case duplicateName
        case datasetNotFound
        case jobNotFound
        case sampleNotFound
        case labelNotFound
        case versionNotFound
        case importTaskNotFound
        /// An auto grouping task of the dataset that does not exist.
        case groupingTaskNotFound
        /// An export task of the dataset that does not exist.
        case exportTaskNotFound
        case workforceNotFound
        case workerNotFound
        /// A team member asked for what their role or assignment does not allow.
        case notPermitted
        /// The storage could not be listed for a sync, or the sync was cut short by a stop.
        case syncFailed
        /// The storage refused the labeling service by authorization (a bucket policy, its agency): the sync failed
        /// rather than leave the dataset empty, or the version was not published.
        case storageAccessDenied
        /// The storage refused a file of a version being published; nothing of the version was recorded.
        case publishFailed
        /// The storage refused to delete a sample's source file; the sample was kept.
        case sourceDeletionFailed
        /// The storage refused a file of an add or the manifest of an import, or the import was cut short by a stop.
        case importFailed
        /// An auto grouping task could not finish: too few images could be read, the result could not be written, or
        /// obslab stopped while it ran.
        case groupingFailed
        /// An export could not write its files, or obslab stopped while it ran.
        case exportFailed
        case internalError
    }

    /// What sort of failure this is.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Sendable {
            case notFound
            case invalidArgument
            case conflict
            case forbidden
            case `internal`
        }

        private let value: Value
        private init(_ value: Value) { self.value = value }

        public var description: String { value.rawValue }

        /// Something named does not exist.
        public static let notFound = Kind(.notFound)
        /// The request is wrong, whatever the state.
        public static let invalidArgument = Kind(.invalidArgument)
        /// The request clashes with the state (a name in use).
        public static let conflict = Kind(.conflict)
        /// The storage refused the labeling service by its permissions (the owner must change them), or a team member
        /// asked for what their role does not allow.
        public static let forbidden = Kind(.forbidden)
        /// The labeling layer or its storage failed.
        public static let `internal` = Kind(.internal)
    }

    public let code: Code
    public let message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var kind: Kind {
        switch code {
        case .datasetNotFound, .jobNotFound, .sampleNotFound, .labelNotFound, .versionNotFound, .importTaskNotFound, .groupingTaskNotFound,
            .exportTaskNotFound, .workforceNotFound, .workerNotFound:
            .notFound
        case .invalidArgument: .invalidArgument
        case .duplicateName: .conflict
        case .storageAccessDenied, .notPermitted: .forbidden
        case .syncFailed, .publishFailed, .sourceDeletionFailed, .importFailed, .groupingFailed, .exportFailed, .internalError: .internal
        }
    }

    public var description: String { "\(code.rawValue): \(message)" }
}

extension LabelingError {
    public static func invalidArgument(_ message: String) -> LabelingError {
        LabelingError(code: .invalidArgument, message: message)
    }

    public static func datasetNotFound(_ id: String) -> LabelingError {
        LabelingError(code: .datasetNotFound, message: "Dataset \(id) does not exist")
    }

    public static func duplicateName(_ message: String) -> LabelingError {
        LabelingError(code: .duplicateName, message: message)
    }

    public static func jobNotFound(_ id: String, datasetId: String) -> LabelingError {
        LabelingError(code: .jobNotFound, message: "Labeling job \(id) of dataset \(datasetId) does not exist")
    }

    public static func sampleNotFound(_ id: String) -> LabelingError {
        LabelingError(code: .sampleNotFound, message: "Sample \(id) does not exist")
    }

    public static func labelNotFound(_ name: String, datasetId: String) -> LabelingError {
        LabelingError(code: .labelNotFound, message: "Dataset \(datasetId) has no label named \(name)")
    }

    public static func versionNotFound(_ id: String, datasetId: String) -> LabelingError {
        LabelingError(code: .versionNotFound, message: "Version \(id) of dataset \(datasetId) does not exist")
    }

    public static func publishFailed(_ message: String) -> LabelingError {
        LabelingError(code: .publishFailed, message: message)
    }

    public static func sourceDeletionFailed(_ message: String) -> LabelingError {
        LabelingError(code: .sourceDeletionFailed, message: message)
    }

    public static func syncFailed(_ message: String) -> LabelingError {
        LabelingError(code: .syncFailed, message: message)
    }

    public static func workforceNotFound(_ id: String) -> LabelingError {
        LabelingError(code: .workforceNotFound, message: "Labeling team \(id) does not exist")
    }

    public static func workerNotFound(_ id: String, workforceId: String) -> LabelingError {
        LabelingError(code: .workerNotFound, message: "Labeling team \(workforceId) has no member \(id)")
    }

    public static func notPermitted(_ message: String) -> LabelingError {
        LabelingError(code: .notPermitted, message: message)
    }

    /// The labeling service may not list the input path or write a version's manifest: the work fails, naming the
    /// bucket and why, and `consequence` says what did not happen.
    public static func storageAccessDenied(_ denial: AccessDenial, consequence: String) -> LabelingError {
        LabelingError(
            code: .storageAccessDenied,
            message: "The labeling service may not \(denial.operation.rawValue) obs://\(denial.bucket)/\(denial.key) "
                + "(\(denial.because)): bucket \(denial.bucket) refuses \(denial.principal), so \(consequence)"
        )
    }

    /// A sync that was running when obslab stopped.
    static let interruptedSync = LabelingError(code: .syncFailed, message: "The sync was interrupted: obslab stopped while it ran")

    public static func internalError(_ message: String) -> LabelingError {
        LabelingError(code: .internalError, message: message)
    }
}
