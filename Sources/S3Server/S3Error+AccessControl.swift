import AccessControl
import HTTPTypes

extension S3Error {
    /// An access-control document or request refused, with its S3 code.
    init(accessControl error: AccessControlError) {
        var details: [(name: String, value: String)] = []
        if let name = error.argumentName { details.append(("ArgumentName", name)) }
        if let value = error.argumentValue { details.append(("ArgumentValue", value)) }
        let status: HTTPResponse.Status = error.code == .internalError ? .internalServerError : .badRequest
        self.init(error.code.rawValue, status: status, message: error.message, details: details)
    }
}
