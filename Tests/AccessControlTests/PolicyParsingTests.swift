import Testing

@testable import AccessControl

/// PutBucketPolicy's validation: what S3 refuses, with S3's messages, and what it accepts.
@Suite struct PolicyParsingTests {
    static let principals = PrincipalDirectory(names: ["owner", "alice", "modelarts-service"])

    static func parse(_ text: String, dialect: BucketPolicy.Dialect = .s3) throws(AccessControlError) -> BucketPolicy {
        try BucketPolicy(parsing: Array(text.utf8), bucket: "photos", dialect: dialect, principals: principals)
    }

    /// A statement around the given members, in a 2012-10-17 policy.
    static func statement(_ members: String) -> String {
        #"{"Version":"2012-10-17","Statement":[{"# + members + "}]}"
    }

    static let allowAliceRead =
        #""Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:user/alice"},"#
        + #""Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/*""#

    struct Malformed: Sendable, CustomTestStringConvertible {
        let name: String
        let policy: String
        let message: String
        var dialect: BucketPolicy.Dialect = .s3
        var testDescription: String { name }
    }

    static let malformed: [Malformed] = [
        Malformed(name: "not JSON", policy: "hello", message: "Policies must be valid JSON and the first byte must be '{'"),
        Malformed(name: "leading space", policy: " {}", message: "Policies must be valid JSON and the first byte must be '{'"),
        Malformed(name: "broken JSON", policy: #"{"Statement": ["#, message: "This policy contains invalid Json"),
        Malformed(name: "no statement", policy: #"{"Version":"2012-10-17"}"#, message: "Missing required field Statement"),
        Malformed(name: "empty statement", policy: #"{"Statement":[]}"#, message: "Could not parse the policy: Statement is empty!"),
        Malformed(
            name: "bad version",
            policy: #"{"Version":"2020-01-01","Statement":[]}"#,
            message: "The policy must contain a valid version string"
        ),
        Malformed(name: "unknown field", policy: #"{"Statement":[], "Foo": 1}"#, message: "Unknown field Foo"),
        Malformed(
            name: "no effect",
            policy: statement(#""Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/*""#),
            message: "Missing required field Effect"
        ),
        Malformed(
            name: "bad effect",
            policy: statement(#""Effect":"Alow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/*""#),
            message: "Invalid effect: Alow"
        ),
        Malformed(
            name: "no principal",
            policy: statement(#""Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/*""#),
            message: "Missing required field Principal"
        ),
        Malformed(
            name: "unknown user",
            policy: statement(
                #""Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:user/mallory"},"#
                    + #""Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/*""#),
            message: "Invalid principal in policy"
        ),
        Malformed(
            name: "other account",
            policy: statement(
                #""Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/alice"},"Action":"s3:GetObject","#
                    + #""Resource":"arn:aws:s3:::photos/*""#),
            message: "Invalid principal in policy"
        ),
        Malformed(
            name: "service principal",
            policy: statement(
                #""Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"s3:GetObject","#
                    + #""Resource":"arn:aws:s3:::photos/*""#),
            message: "Invalid principal in policy"
        ),
        Malformed(
            name: "OBS principal in S3",
            policy: statement(#""Effect":"Allow","Principal":{"ID":["*"]},"Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/*""#),
            message: "Invalid principal in policy"
        ),
        Malformed(
            name: "no action",
            policy: statement(#""Effect":"Allow","Principal":"*","Resource":"arn:aws:s3:::photos/*""#),
            message: "Missing required field Action"
        ),
        Malformed(
            name: "misspelt action",
            policy: statement(#""Effect":"Allow","Principal":"*","Action":"s3:GetObjekt","Resource":"arn:aws:s3:::photos/*""#),
            message: "Policy has invalid action"
        ),
        Malformed(
            name: "other service's action",
            policy: statement(#""Effect":"Allow","Principal":"*","Action":"ec2:RunInstances","Resource":"arn:aws:s3:::photos/*""#),
            message: "Policy has invalid action"
        ),
        Malformed(
            name: "wildcard matching nothing",
            policy: statement(#""Effect":"Allow","Principal":"*","Action":"s3:Frobnicate*","Resource":"arn:aws:s3:::photos/*""#),
            message: "Policy has invalid action"
        ),
        Malformed(
            name: "no resource",
            policy: statement(#""Effect":"Allow","Principal":"*","Action":"s3:GetObject""#),
            message: "Missing required field Resource"
        ),
        Malformed(
            name: "other bucket",
            policy: statement(#""Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::music/*""#),
            message: "Policy has invalid resource"
        ),
        Malformed(
            name: "not an S3 ARN",
            policy: statement(#""Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"photos/*""#),
            message: "Policy has invalid resource"
        ),
        Malformed(
            name: "object action on the bucket",
            policy: statement(#""Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos""#),
            message: "Action does not apply to any resource(s) in statement"
        ),
        Malformed(
            name: "bucket action on objects",
            policy: statement(#""Effect":"Allow","Principal":"*","Action":"s3:ListBucket","Resource":"arn:aws:s3:::photos/*""#),
            message: "Action does not apply to any resource(s) in statement"
        ),
        Malformed(
            name: "unknown operator",
            policy: statement(allowAliceRead + #","Condition":{"StringEqualz":{"s3:prefix":"a"}}"#),
            message: "Invalid Condition type : StringEqualz"
        ),
        Malformed(
            name: "Null IfExists",
            policy: statement(allowAliceRead + #","Condition":{"NullIfExists":{"s3:prefix":"true"}}"#),
            message: "Invalid Condition type : NullIfExists"
        ),
        Malformed(
            name: "unknown s3 key",
            policy: statement(allowAliceRead + #","Condition":{"StringEquals":{"s3:colour":"blue"}}"#),
            message: "Policy has an invalid condition key"
        ),
        Malformed(
            name: "bad address",
            policy: statement(allowAliceRead + #","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.300/8"}}"#),
            message: "Invalid IP address in Conditions"
        ),
        Malformed(
            name: "duplicate Sid",
            policy: #"{"Statement":[{"Sid":"A","# + allowAliceRead + #"},{"Sid":"A","# + allowAliceRead + "}]}",
            message: "Statement IDs (SID) in a single policy must be unique"
        ),
        Malformed(
            name: "too large",
            policy: #"{"Statement":[],"Id":""# + String(repeating: "x", count: 21 * 1024) + #""}"#,
            message: "Policy exceeds the maximum allowed document size."
        ),
        Malformed(
            name: "OBS id of nobody",
            policy: #"{"Statement":[{"Effect":"Allow","Principal":{"ID":["domain/000000000000:user/mallory"]},"#
                + #""Action":["GetObject"],"Resource":["photos/*"]}]}"#,
            message: "Invalid principal in policy",
            dialect: .obs
        ),
    ]

    @Test(arguments: malformed)
    func refusesWithS3sMessage(_ example: Malformed) {
        #expect(throws: AccessControlError(.malformedPolicy, example.message)) { try Self.parse(example.policy, dialect: example.dialect) }
    }

    @Test func deeplyNestedJSONIsRefusedNotACrash() {
        let nested = #"{"Statement":"# + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "}"
        #expect(throws: AccessControlError(.malformedPolicy, "This policy contains invalid Json")) { try Self.parse(nested) }
    }

    @Test func parsesTheClassicDenyUnencryptedUploadsPolicy() throws {
        let policy = try Self.parse(
            """
            {"Version":"2012-10-17","Id":"PutObjPolicy","Statement":[
              {"Sid":"DenyIncorrectEncryptionHeader","Effect":"Deny","Principal":"*","Action":"s3:PutObject",
               "Resource":"arn:aws:s3:::photos/*","Condition":{"StringNotEquals":{"s3:x-amz-server-side-encryption":"aws:kms"}}},
              {"Sid":"DenyUnEncryptedObjectUploads","Effect":"Deny","Principal":"*","Action":"s3:PutObject",
               "Resource":"arn:aws:s3:::photos/*","Condition":{"Null":{"s3:x-amz-server-side-encryption":"true"}}}]}
            """
        )
        #expect(policy.version == "2012-10-17" && policy.id == "PutObjPolicy")
        #expect(policy.statements.map(\.label) == [#"statement "DenyIncorrectEncryptionHeader""#, #"statement "DenyUnEncryptedObjectUploads""#])
        #expect(policy.statements.allSatisfy { $0.effect == .deny && $0.principals.values == [.everyone] })
    }

    @Test func acceptsOneStatementObjectAndDefaultsTheVersion() throws {
        let policy = try Self.parse(#"{"Statement":{"# + Self.allowAliceRead + "}}")
        #expect(policy.version == "2008-10-17" && policy.statements.count == 1 && policy.statements[0].label == "statement #1")
    }

    @Test func readsOBSFormInTheOBSDialectOnly() throws {
        let alice = Principal.canonicalId(of: "alice")
        let text = """
            {"Statement":[{"Sid":"obs","Effect":"Allow","Principal":{"ID":["domain/\(alice):user/alice","domain/000000000000:user/owner"]},
            "Action":["GetObject","obs:bucket:ListBucket"],"Resource":["photos","photos/*"]}]}
            """
        let policy = try Self.parse(text, dialect: .obs)
        #expect(policy.statements[0].principals.values == [.canonicalUser(alice), .user("owner")])
        #expect(policy.statements[0].actions.values.map(\.text) == ["s3:getobject", "s3:listbucket"])
        #expect(policy.statements[0].resources.values.map(\.text) == ["arn:aws:s3:::photos", "arn:aws:s3:::photos/*"])
        #expect(throws: AccessControlError.self) { try Self.parse(text, dialect: .s3) }
    }
}
