/// The principals a server knows (its owner, its users, its services): what grants and policies may name.
public struct PrincipalDirectory: Sendable {
    /// Every known name, with the owner's first.
    public let names: [String]
    private let byCanonicalId: [String: String]

    public init(names: [String]) {
        var seen = Set<String>()
        self.names = names.filter { seen.insert($0).inserted }
        byCanonicalId = Dictionary(self.names.map { (Principal.canonicalId(of: $0), $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func contains(_ name: String) -> Bool {
        names.contains(name)
    }

    /// The principal whose canonical user id this is.
    public func name(forCanonicalId id: String) -> String? {
        byCanonicalId[id.lowercased()]
    }
}
