import Foundation

/// What the labeling service (`modelarts-service`) may do in the owner's buckets, as the owner delegates it — the
/// ModelArts agency of the cloud, which holds OBS permissions for the service.
///
/// By default it reads and writes every bucket of the owner; the owner may narrow it to buckets or prefixes, read-only
/// or read-write, or take it away. It opens nothing outside the owner's buckets, never touches their ACLs, policies or
/// configuration, and a bucket policy's Deny applies to it like to anyone.
public struct Agency: Sendable, Hashable, Codable {
    public enum Access: String, Sendable, Hashable, Codable, CaseIterable {
        case read
        case readWrite = "read-write"
    }

    /// One scope the service may act in: a bucket (or `*`, every bucket of the owner) and a key prefix.
    public struct Rule: Sendable, Hashable, Codable, CustomStringConvertible {
        public var bucket: String
        /// Keys that start with it ("" for the whole bucket).
        public var prefix: String
        public var access: Access

        public init(bucket: String, prefix: String = "", access: Access) {
            self.bucket = bucket
            self.prefix = prefix
            self.access = access
        }

        /// `demo/classification/* (read-write)`.
        public var description: String { "\(bucket)/\(prefix)* (\(access.rawValue))" }

        func covers(bucket name: String) -> Bool {
            bucket == "*" || bucket == name
        }
    }

    /// Empty: the agency is removed and the service may do nothing in the owner's buckets.
    public var rules: [Rule]

    public init(rules: [Rule]) {
        self.rules = rules
    }

    /// The usual ModelArts agency: read and write every bucket of the owner.
    public static let standard = Agency(rules: [Rule(bucket: "*", access: .readWrite)])

    /// The actions the agency may give: reading objects and listings, and writing and deleting objects.
    static let readActions: Set<S3Action> = [
        .getObject, .getObjectVersion, .listBucket, .listBucketVersions, .listBucketMultipartUploads, .getBucketLocation,
        .getBucketVersioning, .getEncryptionConfiguration, .listMultipartUploadParts,
    ]
    static let writeActions: Set<S3Action> = [.putObject, .deleteObject, .deleteObjectVersion, .abortMultipartUpload]

    /// The rule that lets the service perform `action` on `key` (or, for a listing, under `listPrefix`) in `bucket`.
    /// Bucket-level reads (location, versioning, encryption) need only some rule on the bucket.
    public func rule(allowing action: S3Action, bucket: String, key: String?, listPrefix: String?) -> Rule? {
        let write = Self.writeActions.contains(action)
        guard write || Self.readActions.contains(action) else { return nil }
        return rules.first { rule in
            guard rule.covers(bucket: bucket), !write || rule.access == .readWrite else { return false }
            if let key { return key.hasPrefix(rule.prefix) }
            switch action {
            case .listBucket, .listBucketVersions, .listBucketMultipartUploads: return (listPrefix ?? "").hasPrefix(rule.prefix)
            default: return true
            }
        }
    }

    // MARK: Storage

    /// The JSON document the store keeps.
    public var document: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{\"rules\":[]}"
    }

    /// The agency a stored document describes; no document is the standard agency.
    public static func stored(_ document: String?) throws(AccessControlError) -> Agency {
        guard let document else { return .standard }
        do {
            return try JSONDecoder().decode(Agency.self, from: Data(document.utf8))
        } catch {
            throw .internalInconsistency("The stored agency document cannot be read: \(error)")
        }
    }
}
