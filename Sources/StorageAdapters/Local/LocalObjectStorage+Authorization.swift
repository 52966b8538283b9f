import AccessControl
import Labeling
import ObjectStore

/// Every listing, read and write of the local adapter is authorized as the labeling service, by the same `AccessGate`
/// the S3 front asks: a bucket policy's Deny, the agency's rules and the ACLs refuse the service here exactly as they
/// would over S3, and the refusal says which of them decided it.
extension LocalObjectStorage {
    /// Throws `AccessDenied` (with the `AccessDenial` that says why) unless the service may perform `action`.
    /// - Parameters:
    ///   - key: the object acted on; nil for a bucket-level action.
    ///   - listPrefix: for a listing, the prefix listed (the `s3:prefix` condition key, as the S3 client always sends it).
    /// - Throws: NoSuchBucket for a missing bucket.
    func authorize(
        _ action: S3Action,
        _ operation: AccessDenial.Operation,
        bucket name: String,
        key: String? = nil,
        listPrefix: String? = nil
    ) async throws {
        let bucket = try await store.bucket(name)
        var conditions = ConditionContext()
        // The service reaches the store inside obslab, as ModelArts reaches OBS over TLS inside the cloud.
        conditions.set("aws:SecureTransport", "true")
        conditions.set("s3:prefix", listPrefix)
        let service = Principal.named(principal)
        let access = try await gate.check(principal: service, action: action, bucket: bucket, key: key, versionId: nil, conditions: conditions)
        if access.mayProceed { return }
        throw StorageError.accessDenied(
            Self.denial(access.decision.reason, operation: operation, bucket: name, key: key ?? listPrefix ?? "", principal: principal)
        )
    }

    /// The labeling layer's account of a denial: which statement, rule or grant is missing.
    static func denial(
        _ reason: AccessDecision.Reason,
        operation: AccessDenial.Operation,
        bucket: String,
        key: String,
        principal: String
    ) -> AccessDenial {
        var denial = AccessDenial(cause: .noGrant, operation: operation, bucket: bucket, key: key, principal: principal)
        switch reason {
        case .policyStatement(let label, _):
            denial.cause = .bucketPolicy
            denial.statement = statement(fromLabel: label)
        case .outsideAgency:
            denial.cause = .outsideAgency
        case .objectOwnedByAnother(let owner):
            denial.cause = .objectACL
            denial.objectOwner = owner
        default:
            break
        }
        return denial
    }

    /// `DenyService` from `statement "DenyService"`, `#2` from `statement #2` (`PolicyStatement.label`).
    static func statement(fromLabel label: String) -> String {
        var name = Substring(label)
        if name.hasPrefix("statement ") { name = name.dropFirst("statement ".count) }
        if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") { name = name.dropFirst().dropLast() }
        return String(name)
    }
}
