import Foundation

extension BucketPolicy {
    /// Parses and validates a policy for `bucket`, as PutBucketPolicy does.
    /// - Parameters:
    ///   - dialect: `.obs` also accepts OBS's form of principals, actions and resources.
    ///   - principals: who a policy may name, an unknown user being an invalid principal as on S3; nil names anyone.
    /// - Throws: `AccessControlError` `MalformedPolicy` with S3's message.
    public init(
        parsing text: some Collection<UInt8>, bucket: String, dialect: Dialect, principals: PrincipalDirectory?
    )
        throws(AccessControlError)
    {
        guard text.count <= Self.maximumSize else { throw .malformedPolicy("Policy exceeds the maximum allowed document size.") }
        guard text.first == UInt8(ascii: "{") else { throw .malformedPolicy("Policies must be valid JSON and the first byte must be '{'") }
        let json: PolicyJSON
        do {
            json = try JSONDecoder().decode(PolicyJSON.self, from: Data(text))
        } catch {
            throw .malformedPolicy("This policy contains invalid Json")
        }
        guard case .object(let members) = json else { throw .malformedPolicy("This policy contains invalid Json") }
        try Self.refuseUnknownFields(members, known: ["Version", "Id", "Statement"])
        var parser = PolicyParser(bucket: bucket, dialect: dialect, principals: principals)
        switch members["Version"] {
        case nil:
            version = "2008-10-17"
        case .string(let value) where ["2012-10-17", "2008-10-17"].contains(value):
            version = value
        default:
            throw .malformedPolicy("The policy must contain a valid version string")
        }
        parser.usesVariables = version == "2012-10-17"
        switch members["Id"] {
        case nil: id = nil
        case .string(let value): id = value
        default: throw .malformedPolicy("This policy contains invalid Json")
        }
        let elements: [PolicyJSON]
        switch members["Statement"] {
        case nil: throw .malformedPolicy("Missing required field Statement")
        case .array(let list): elements = list
        case let single?: elements = [single]
        }
        guard !elements.isEmpty else { throw .malformedPolicy("Could not parse the policy: Statement is empty!") }
        var statements: [PolicyStatement] = []
        var sids = Set<String>()
        for (index, element) in elements.enumerated() {
            let statement = try parser.statement(element, position: index + 1)
            if let sid = statement.sid, !sid.isEmpty, !sids.insert(sid).inserted {
                throw .malformedPolicy("Statement IDs (SID) in a single policy must be unique")
            }
            statements.append(statement)
        }
        self.statements = statements
    }

    /// A stored policy, read in either form and naming anyone: it was validated when it was put.
    public static func stored(_ text: String, bucket: String) throws(AccessControlError) -> BucketPolicy {
        do throws(AccessControlError) {
            return try BucketPolicy(parsing: Array(text.utf8), bucket: bucket, dialect: .obs, principals: nil)
        } catch {
            throw .internalInconsistency("The stored policy of \(bucket) cannot be read: \(error.message)")
        }
    }

    static func refuseUnknownFields(_ members: [String: PolicyJSON], known: Set<String>) throws(AccessControlError) {
        if let unknown = members.keys.sorted().first(where: { !known.contains($0) }) {
            throw .malformedPolicy("Unknown field \(unknown)")
        }
    }
}
