import HTTPTypes
import Hummingbird
import Labeling

extension ModelArtsError {
    /// Any failure of a handler as the API reports it: the Labeling module's errors with their status and ModelArts
    /// code, and anything unexpected as a 500 that still names what went wrong.
    init(_ error: any Error) {
        switch error {
        case let error as ModelArtsError:
            self = error
        case let error as LabelingError:
            self.init(status: error.status, code: error.modelArtsCode, message: error.message)
        case let error as HTTPError:
            self.init(status: error.status, code: error.status == .notFound ? "ModelArts.0102" : "ModelArts.0104", message: error.body ?? "\(error)")
        default:
            self = StorageSpace.isExhausted(by: error) ? .insufficientStorage : .internalError("Internal error: \(error)")
        }
    }
}

extension LabelingError {
    /// The ModelArts code of the error: ModelArts's own where it has one (`4352` dataset not found, `0102` resource
    /// does not exist, `0103` duplicate name, `0104` parameter error, `0010` internal error); a failed sync, publish,
    /// source deletion or import has no documented code: `4360` to `4363`, in the dataset range; `4364` is OBS refusing
    /// the labeling service (a bucket policy or the agency); `4365` a failed auto grouping task; `4366` a failed export; `0106` a team member
    /// refused by their role (obslab's choice, beside `0101` authentication).
    var modelArtsCode: String {
        switch code {
        case .invalidArgument: "ModelArts.0104"
        case .duplicateName: "ModelArts.0103"
        case .datasetNotFound: "ModelArts.4352"
        case .jobNotFound, .sampleNotFound, .labelNotFound, .versionNotFound, .importTaskNotFound, .groupingTaskNotFound, .exportTaskNotFound,
            .workforceNotFound, .workerNotFound:
            "ModelArts.0102"
        case .notPermitted: "ModelArts.0106"
        case .syncFailed: "ModelArts.4360"
        case .storageAccessDenied: "ModelArts.4364"
        case .publishFailed: "ModelArts.4361"
        case .sourceDeletionFailed: "ModelArts.4362"
        case .importFailed: "ModelArts.4363"
        case .groupingFailed: "ModelArts.4365"
        case .exportFailed: "ModelArts.4366"
        case .internalError: "ModelArts.0010"
        }
    }

    /// The HTTP status the API answers the error with.
    var status: HTTPResponse.Status {
        switch kind {
        case .notFound: .notFound
        case .invalidArgument: .badRequest
        case .conflict: .conflict
        case .forbidden: .forbidden
        default: .internalServerError
        }
    }
}
