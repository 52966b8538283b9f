import HTTPTypes
import Hummingbird
import Labeling

extension ModelArtsError {
    /// Any failure of a handler as the API reports it: the Labeling module's errors keep their code, and anything
    /// unexpected is a 500 that still names what went wrong.
    init(_ error: any Error) {
        switch error {
        case let error as ModelArtsError:
            self = error
        case let error as LabelingError:
            self.init(status: HTTPResponse.Status(code: error.kind.httpStatus), code: error.code, message: error.message)
        case let error as HTTPError:
            self.init(status: error.status, code: error.status == .notFound ? "ModelArts.0102" : "ModelArts.0104", message: error.body ?? "\(error)")
        default:
            self = .internalError("Internal error: \(error)")
        }
    }
}
