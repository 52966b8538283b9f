import Foundation

/// The grants of a bucket or an object version. The owner is not part of it: the store keeps who owns what.
///
/// Stored as a small JSON document (`document`); a resource without one has the private ACL of its owner.
public struct AccessControlList: Sendable, Hashable, Codable {
    /// S3 and OBS allow at most this many grants in one ACL.
    public static let maximumGrants = 100

    public var grants: [Grant]
    /// OBS's `Delivered` of an object ACL: whether the object also has the bucket's delivered grants (OBS's default).
    public var inheritsDelivered: Bool

    public init(grants: [Grant], inheritsDelivered: Bool = true) {
        self.grants = grants
        self.inheritsDelivered = inheritsDelivered
    }

    /// Only the owner, with FULL_CONTROL: every bucket and object starts so.
    public static func `private`(owner: String) -> AccessControlList {
        AccessControlList(grants: [Grant(.user(owner), .fullControl)])
    }

    /// The first grant that gives `principal` the permission `needed`.
    public func grant(allowing needed: Permission, to principal: Principal) -> Grant? {
        grants.first { $0.permission.covers(needed) && $0.grantee.includes(principal) }
    }

    /// Whether AllUsers or AuthenticatedUsers hold any grant.
    public var isPublic: Bool {
        grants.contains { grant in
            if case .group(let group) = grant.grantee { return group != .logDelivery }
            return false
        }
    }

    // MARK: Storage

    /// The JSON document the store keeps.
    public var document: String {
        // Encoding plain strings, enums and booleans cannot fail.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{\"grants\":[]}"
    }

    /// The ACL a stored document describes; no document means the private ACL of `owner`.
    /// - Throws: `AccessControlError.internalInconsistency` for a document this module did not write.
    public static func stored(_ document: String?, owner: String) throws(AccessControlError) -> AccessControlList {
        guard let document else { return .private(owner: owner) }
        do {
            return try JSONDecoder().decode(AccessControlList.self, from: Data(document.utf8))
        } catch {
            throw AccessControlError.internalInconsistency("A stored ACL document cannot be read: \(error)")
        }
    }

    private enum CodingKeys: String, CodingKey {
        case grants
        case inheritsDelivered = "delivered"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        grants = try container.decode([Grant].self, forKey: .grants)
        inheritsDelivered = try container.decodeIfPresent(Bool.self, forKey: .inheritsDelivered) ?? true
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(grants, forKey: .grants)
        if !inheritsDelivered { try container.encode(false, forKey: .inheritsDelivered) }
    }
}
