import Foundation
import Hummingbird
import Labeling
import ObslabAPI

/// Who calls, users' API tokens and labeling teams ("Creating a Labeling Team" … "Deleting Labeling Team Members in Batches").
/// Only the owner's token manages them.
extension LabelingEndpoints {
    /// Who the token acts as: the console's user.
    @Sendable func showCaller(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let caller = try RequestCaller.require()
        return try Self.json(ModelArtsAPI.CallerIdentity(userName: caller.author, isOwner: caller.isOwner))
    }

    /// obslab's admin call: a new API token for the user (201), replacing their former one, shown this once.
    @Sendable func issueToken(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try RequestCaller.requireOwner(to: "issue API tokens")
        let name = try Self.pathValue("user_name", context: context)
        let body = try await Self.decodeIfPresent(ModelArtsAPI.IssueToken.self, from: request) ?? ModelArtsAPI.IssueToken()
        let issued = try await service.issueToken(user: name, email: body.email)
        return try Self.json(
            ModelArtsAPI.UserToken(
                userName: issued.user.name, email: issued.user.email, token: issued.token,
                createTime: ModelArtsAPI.milliseconds(issued.user.tokenIssuedAt)
            ),
            status: .created
        )
    }

    /// 201 with the team's id.
    @Sendable func createWorkforce(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try RequestCaller.requireOwner(to: "create labeling teams")
        let body = try await Self.decode(ModelArtsAPI.CreateWorkforce.self, from: request)
        guard let name = body.workforceName else { throw ModelArtsError.invalidParameter("workforce_name", "is missing") }
        let team = try await service.createWorkforce(name: name, description: body.description)
        return try Self.json(ModelArtsAPI.CreateWorkforceResponse(workforceId: team.id), status: .created)
    }

    /// `offset`, `limit` (1–100, 10), `sort_by` (`create_time`, `workforce_name`), `order` (`desc`), `search_content`.
    /// `workforce_task_id` is refused: a team task names its teams in its `workforces_config`.
    @Sendable func listWorkforces(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try RequestCaller.requireOwner(to: "list labeling teams")
        let offset = try Self.integer("offset", in: request, default: 0, range: 0...Int.max)
        let limit = try Self.integer("limit", in: request, default: 10, range: 1...100)
        let byName = try Self.choice("sort_by", in: request, ["create_time", "workforce_name"], default: "create_time") == "workforce_name"
        let ascending = try Self.choice("order", in: request, ["asc", "desc"], default: "desc") == "asc"
        let search = request.uri.queryParameters["search_content"].map(String.init)
        let page = try await service.workforces(search: search, byName: byName, ascending: ascending, offset: offset, limit: limit)
        return try Self.json(ModelArtsAPI.WorkforceList(totalNumber: page.total, workforces: page.workforces.map(ModelArtsAPI.Workforce.init)))
    }

    @Sendable func showWorkforce(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try RequestCaller.requireOwner(to: "read labeling teams")
        let team = try await service.workforce(id: try context.parameters.require("workforce_id"))
        return try Self.json(ModelArtsAPI.Workforce(team))
    }

    /// 200 with an empty object, as the reference.
    @Sendable func updateWorkforce(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try RequestCaller.requireOwner(to: "change labeling teams")
        let body = try await Self.decode(ModelArtsAPI.UpdateWorkforce.self, from: request)
        try await service.updateWorkforce(
            id: try context.parameters.require("workforce_id"), WorkforceUpdate(name: body.workforceName, description: body.description)
        )
        return try Self.json([String: String]())
    }

    /// 204.
    @Sendable func deleteWorkforce(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try RequestCaller.requireOwner(to: "delete labeling teams")
        try await service.deleteWorkforce(id: try context.parameters.require("workforce_id"))
        return Response(status: .noContent)
    }

    /// 201 with an empty object, as the reference.
    @Sendable func createWorker(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try RequestCaller.requireOwner(to: "add team members")
        let body = try await Self.decode(ModelArtsAPI.CreateWorker.self, from: request)
        guard let email = body.emails else { throw ModelArtsError.invalidParameter("emails", "is missing") }
        guard let role = body.role else { throw ModelArtsError.invalidParameter("role", "is missing") }
        _ = try await service.addWorker(
            workforceId: try context.parameters.require("workforce_id"), email: email, role: try Self.role(role.value), description: body.description
        )
        return try Self.json([String: String](), status: .created)
    }

    /// `offset`, `limit` (1–100, 10), `sort_by` (`create_time`, `email`), `order` (`desc`).
    @Sendable func listWorkers(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try RequestCaller.requireOwner(to: "list team members")
        let offset = try Self.integer("offset", in: request, default: 0, range: 0...Int.max)
        let limit = try Self.integer("limit", in: request, default: 10, range: 1...100)
        let byEmail = try Self.choice("sort_by", in: request, ["create_time", "email"], default: "create_time") == "email"
        let ascending = try Self.choice("order", in: request, ["asc", "desc"], default: "desc") == "asc"
        let page = try await service.workers(
            workforceId: try context.parameters.require("workforce_id"), byEmail: byEmail, ascending: ascending, offset: offset, limit: limit
        )
        return try Self.json(ModelArtsAPI.WorkerList(totalNumber: page.total, workers: page.workers.map(ModelArtsAPI.Worker.init)))
    }

    @Sendable func showWorker(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try RequestCaller.requireOwner(to: "read team members")
        let worker = try await service.worker(
            id: try context.parameters.require("worker_id"), workforceId: try context.parameters.require("workforce_id")
        )
        return try Self.json(ModelArtsAPI.Worker(worker))
    }

    /// 200 with an empty object.
    @Sendable func updateWorker(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try RequestCaller.requireOwner(to: "change team members")
        let body = try await Self.decode(ModelArtsAPI.UpdateWorker.self, from: request)
        try await service.updateWorker(
            id: try context.parameters.require("worker_id"), workforceId: try context.parameters.require("workforce_id"),
            role: try body.role.map { try Self.role($0.value) }, description: body.description
        )
        return try Self.json([String: String]())
    }

    /// 204.
    @Sendable func deleteWorker(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try RequestCaller.requireOwner(to: "delete team members")
        let id = try context.parameters.require("worker_id")
        let deleted = try await service.deleteWorkers(ids: [id], workforceId: try context.parameters.require("workforce_id"))
        guard deleted.contains(id) else { throw LabelingError.workerNotFound(id, workforceId: try context.parameters.require("workforce_id")) }
        return Response(status: .noContent)
    }

    /// One result per member id: an unknown one fails alone.
    @Sendable func deleteWorkers(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try RequestCaller.requireOwner(to: "delete team members")
        let workforceId = try context.parameters.require("workforce_id")
        let body = try await Self.decode(ModelArtsAPI.DeleteWorkers.self, from: request)
        guard let ids = body.workers, !ids.isEmpty else { throw ModelArtsError.invalidParameter("workers", "is missing: give member ids") }
        let deleted = try await service.deleteWorkers(ids: ids, workforceId: workforceId)
        let results = ids.map { deleted.contains($0) ? nil : LabelingError.workerNotFound($0, workforceId: workforceId) }
        return try Self.json(
            ModelArtsAPI.UpdateSamplesResponse(success: results.allSatisfy { $0 == nil }, results: results.map(ModelArtsAPI.BatchResult.init))
        )
    }

    static func role(_ value: Int) throws -> WorkerRole {
        guard let role = WorkerRole(rawValue: value), role != .owner else {
            throw ModelArtsError.invalidParameter("role", "must be 0 (labeler), 1 (reviewer) or 2 (team administrator), not \(value)")
        }
        return role
    }

    /// A query parameter among `choices`, or its default when absent.
    static func choice(_ name: String, in request: Request, _ choices: [String], default defaultValue: String) throws -> String {
        guard let value = request.uri.queryParameters[Substring(name)].map(String.init) else { return defaultValue }
        guard choices.contains(value) else {
            throw ModelArtsError.invalidParameter(name, "must be \(choices.joined(separator: " or ")), not \(value)")
        }
        return value
    }

    /// A path parameter, percent-decoded.
    static func pathValue(_ name: String, context: BasicRequestContext) throws -> String {
        let raw = try context.parameters.require(name)
        guard let value = raw.removingPercentEncoding, !value.isEmpty else {
            throw ModelArtsError.invalidParameter(name, "is not percent-encoded: \(raw)")
        }
        return value
    }

    /// A JSON body when the request has one.
    static func decodeIfPresent<Document: Decodable>(_ type: Document.Type, from request: Request) async throws -> Document? {
        if let length = request.headers[.contentLength], length == "0" { return nil }
        if request.headers[.contentLength] == nil && request.headers[.transferEncoding] == nil { return nil }
        return try await decode(type, from: request)
    }
}

extension ModelArtsAPI.Workforce {
    init(_ team: Labeling.Workforce) {
        self.init(
            workforceId: team.id, workforceName: team.name, description: team.description, workerCount: team.workerCount,
            createTime: ModelArtsAPI.milliseconds(team.createdAt), updateTime: ModelArtsAPI.milliseconds(team.updatedAt)
        )
    }
}

extension ModelArtsAPI.Worker {
    init(_ worker: Labeling.Worker) {
        self.init(
            email: worker.email, workerId: worker.id, workforceId: worker.workforceId, status: worker.hasUser ? 2 : 0,
            role: worker.role.rawValue, description: worker.description, createTime: ModelArtsAPI.milliseconds(worker.createdAt),
            updateTime: ModelArtsAPI.milliseconds(worker.updatedAt)
        )
    }
}
