import Crypto

/// Who makes a request: a named principal (the owner, a user, a service such as `modelarts-service`) or nobody, for an
/// unsigned request.
///
/// For ACLs every named principal is an account of its own, with a stable canonical user id; in bucket policies it is
/// an IAM user of obslab's one account, `arn:aws:iam::000000000000:user/NAME`.
public enum Principal: Sendable, Hashable, CustomStringConvertible {
    case anonymous
    case named(String)

    /// The account id of obslab's ARNs (the KMS's ARNs use it too).
    public static let accountId = "000000000000"
    /// The labeling layer's principal, as the ModelArts agency is on the cloud.
    public static let labelingService = "modelarts-service"
    /// How the anonymous principal is stored as an owner (users cannot take this name).
    public static let anonymousName = "anonymous"
    /// S3's canonical id of the anonymous owner.
    static let anonymousCanonicalId = "65a011a29cdf8ec533ec3d1ccaae921c"

    /// The principal stored under `name` as an owner.
    public init(storedName name: String) {
        self = name == Self.anonymousName ? .anonymous : .named(name)
    }

    /// The name the store keeps for this principal as an owner or writer.
    public var storedName: String {
        switch self {
        case .anonymous: Self.anonymousName
        case .named(let name): name
        }
    }

    public var name: String? {
        if case .named(let name) = self { return name }
        return nil
    }

    public var isAnonymous: Bool { self == .anonymous }

    /// The canonical user id of ACLs and `Owner` elements: 64 hex digits, the same for a name on every server.
    public var canonicalId: String {
        switch self {
        case .anonymous: Self.anonymousCanonicalId
        case .named(let name): Self.canonicalId(of: name)
        }
    }

    /// The display name of `Owner` elements: the principal's name.
    public var displayName: String { storedName }

    /// `arn:aws:iam::000000000000:user/NAME`; nil for the anonymous principal.
    public var arn: String? { name.map(Self.userARN) }

    public var description: String { storedName }

    public static func canonicalId(of name: String) -> String {
        SHA256.hash(data: Array(("obslab-principal:" + name).utf8)).map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }

    public static func userARN(_ name: String) -> String {
        "arn:aws:iam::\(accountId):user/\(name)"
    }
}
