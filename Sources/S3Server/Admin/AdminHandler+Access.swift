import AccessControl
import HTTPTypes
import Hummingbird
import ObjectStore

/// The access-control part of the admin API: `access/explain` (what may a principal do, and why — S3 has no call for
/// it) and `agency` (GET, PUT, DELETE the labeling service's agency).
extension AdminHandler {
    /// Without `actions`, an explanation covers these.
    static let bucketActions: [S3Action] = [
        .listBucket, .listBucketVersions, .getBucketAcl, .putBucketAcl, .getBucketPolicy, .putBucketPolicy, .deleteBucketPolicy,
        .getEncryptionConfiguration, .putEncryptionConfiguration, .getBucketVersioning, .putBucketVersioning, .deleteBucket,
    ]
    static let objectActions: [S3Action] = [.getObject, .putObject, .deleteObject, .getObjectAcl, .putObjectAcl]

    func explain(_ body: [UInt8]) async throws -> Response {
        let request = try Self.decode(AdminAPI.ExplainRequest.self, from: body)
        let principal: Principal
        if request.principal == Principal.anonymousName {
            principal = .anonymous
        } else {
            let known = try await gate.knownPrincipals()
            guard known.contains(request.principal) else {
                throw AdminError(
                    status: .notFound,
                    code: "NoSuchPrincipal",
                    message: "No principal named \(request.principal): known are \(known.names.joined(separator: ", ")) and anonymous"
                )
            }
            principal = .named(request.principal)
        }
        var actions = request.key == nil ? Self.bucketActions : Self.objectActions
        if let names = request.actions {
            actions = try names.map { name in
                guard let action = S3Action(named: name) else {
                    throw AdminError(
                        status: .badRequest,
                        code: "InvalidAction",
                        message: "Unknown action \(name); obslab's actions are \(S3Action.implemented.map(\.name).joined(separator: ", "))"
                    )
                }
                return action
            }
        }
        var conditions = ConditionContext()
        for (key, value) in request.conditions ?? [:] { conditions.set(key, value) }
        let bucket = try await store.bucket(request.bucket)
        var decisions: [AdminAPI.ExplainedDecision] = []
        for action in actions {
            let key = action.level == .object ? request.key : nil
            let decision = try await gate.decision(
                principal: principal,
                action: action,
                bucket: bucket,
                key: key,
                versionId: key == nil ? nil : request.versionId,
                conditions: conditions
            )
            decisions.append(AdminAPI.ExplainedDecision(action: action.name, allowed: decision.isAllowed, reason: decision.description))
        }
        let object = await request.key.asyncMap { await gate.existingObject(bucket: bucket, key: $0, versionId: request.versionId) } ?? nil
        return try Self.json(
            AdminAPI.ExplainResult(
                principal: principal.storedName,
                bucket: bucket.name,
                key: request.key,
                bucketOwner: bucket.owner,
                objectOwner: object?.owner,
                bucketGrants: try gate.bucketAccess(bucket).acl.grants.map { $0.description + ($0.delivered ? " (delivered)" : "") },
                objectGrants: object?.acl.grants.map(\.description),
                hasPolicy: bucket.policy != nil,
                decisions: decisions
            )
        )
    }

    func respondAgency(method: HTTPRequest.Method, body: [UInt8]) async throws -> Response {
        switch method {
        case .get:
            break
        case .put:
            let request = try Self.decode(AdminAPI.SetAgency.self, from: body)
            try await gate.setAgency(Agency(rules: try await request.rules.asyncMap(agencyRule)))
        case .delete:
            try await gate.setAgency(Agency(rules: []))
        default:
            throw AdminError(status: .methodNotAllowed, code: "MethodNotAllowed", message: "agency answers GET, PUT and DELETE")
        }
        let agency = try await gate.agency()
        let isDefault = try await store.agencyDocument(principal: Principal.labelingService) == nil
        return try Self.json(
            AdminAPI.AgencyDocument(
                principal: Principal.labelingService,
                rules: agency.rules.map { AdminAPI.AgencyRule(bucket: $0.bucket, prefix: $0.prefix, access: $0.access.rawValue) },
                isDefault: isDefault
            )
        )
    }

    /// A rule names `*` or a bucket of the owner's: the agency opens nothing else.
    private func agencyRule(_ rule: AdminAPI.AgencyRule) async throws -> Agency.Rule {
        guard let access = Agency.Access(rawValue: rule.access) else {
            throw AdminError(
                status: .badRequest,
                code: "InvalidArgument",
                message: "An agency rule's access is read or read-write, not \(rule.access)"
            )
        }
        if rule.bucket != "*" {
            let bucket = try await store.bucket(rule.bucket)
            guard bucket.owner == store.owner else {
                throw AdminError(
                    status: .badRequest,
                    code: "InvalidArgument",
                    message: "\(rule.bucket) belongs to \(bucket.owner): the agency acts only in \(store.owner)'s buckets"
                )
            }
        }
        return Agency.Rule(bucket: rule.bucket, prefix: rule.prefix, access: access)
    }
}

extension Optional {
    /// `map` with an asynchronous transform.
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}

extension Array {
    fileprivate func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
