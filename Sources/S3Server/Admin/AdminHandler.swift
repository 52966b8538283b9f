import AccessControl
import Foundation
import HTTPTypes
import Hummingbird
import KeyManagement
import NIOCore
import ObjectStore

/// Answers the admin API: users, the KMS, access explanations and the agency. Only the owner may call it.
struct AdminHandler: Sendable {
    let store: ObjectStore
    let gate: AccessGate
    let lifecycle: LifecycleRunner

    /// - Parameter path: the path segments after `/-/admin/`, decoded.
    func respond(method: HTTPRequest.Method, path: [String], body: [UInt8]) async throws -> Response {
        switch (method, path) {
        case (.get, ["users"]):
            let users = try await store.listUsers()
            return try Self.json(users.map { AdminAPI.UserInfo(name: $0.name, accessKey: $0.accessKey, secretKey: nil, createdAt: $0.createdAt) })
        case (.post, ["users"]):
            let request = try Self.decode(AdminAPI.CreateUser.self, from: body)
            // A user named like the owner or a service would share its KMS grants; `anonymous` owns what unsigned requests write.
            if request.name == store.kms.owner || Self.servicePrincipals.contains(request.name) || request.name == Principal.anonymousName {
                throw AdminError(status: .conflict, code: "ReservedPrincipal", message: "\(request.name) is a reserved principal name")
            }
            let user = try await store.createUser(name: request.name)
            return try Self.json(
                AdminAPI.UserInfo(name: user.name, accessKey: user.accessKey, secretKey: user.secretKey, createdAt: user.createdAt),
                status: .created
            )
        case _ where path.starts(with: ["kms", "keys"]): return try await respondKMS(method: method, path: path, body: body)
        case (.post, ["access", "explain"]): return try await explain(body)
        case (_, ["agency"]): return try await respondAgency(method: method, body: body)
        case (.post, ["lifecycle", "run"]):
            let request = body.isEmpty ? AdminAPI.LifecycleRunRequest() : try Self.decode(AdminAPI.LifecycleRunRequest.self, from: body)
            if let seconds = request.advanceSeconds {
                guard seconds >= 0, seconds <= 100 * 365 * 86_400 else {
                    throw AdminError(
                        status: .badRequest, code: "InvalidArgument", message: "advanceSeconds must be between 0 and 100 years, not \(seconds)")
                }
                lifecycle.clock.advance(by: seconds)
            }
            return try Self.json(await lifecycle.runOnce())
        default:
            throw AdminError(
                status: .notFound, code: "NoSuchAdminResource", message: "No admin operation \(method.rawValue) /\(path.joined(separator: "/"))")
        }
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try AdminAPI.makeEncoder().encode(value)
        return Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    static func decode<T: Decodable>(_ type: T.Type, from body: [UInt8]) throws -> T {
        do {
            return try AdminAPI.makeDecoder().decode(type, from: Data(body))
        } catch {
            throw AdminError(status: .badRequest, code: "MalformedJSON", message: "The request body is not a valid \(T.self) document: \(error)")
        }
    }
}

/// An admin API failure, rendered as `{"code": …, "message": …}`.
struct AdminError: Error {
    var status: HTTPResponse.Status
    var code: String
    var message: String

    /// Any failure as the admin API reports it: store errors keep their S3 code and status.
    init(_ error: any Error) {
        switch error {
        case let error as AdminError: self = error
        case let error as StoreError:
            let status: HTTPResponse.Status = error.code == .userAlreadyExists ? .conflict : S3Error(error, resource: "").status
            self.init(status: status, code: error.code.rawValue, message: error.message)
        case let error as S3Error: self.init(status: error.status, code: error.code, message: error.message)
        case let error as AccessControlError: self.init(S3Error(accessControl: error))
        default: self.init(status: .internalServerError, code: "InternalError", message: "\(error)")
        }
    }

    init(status: HTTPResponse.Status, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    var response: Response {
        (try? AdminHandler.json(AdminAPI.ErrorBody(code: code, message: message), status: status)) ?? Response(status: status)
    }
}
