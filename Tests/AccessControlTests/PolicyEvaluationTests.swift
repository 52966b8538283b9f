import Testing

@testable import AccessControl

/// Which statements of a policy apply to a request: principals, actions and resources with their wildcards and
/// negations, and the conditions people write.
@Suite struct PolicyEvaluationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        /// The statement's members (without braces).
        let statement: String
        let principal: Principal
        let action: S3Action
        let key: String?
        var conditions: [String: String] = [:]
        let applies: Bool
        var testDescription: String { name }
    }

    static let alice = Principal.named("alice")
    static let bob = Principal.named("bob")
    static let getAll = #""Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/*""#

    static let cases: [Case] = [
        Case(name: "everyone", statement: #""Principal":"*","# + getAll, principal: .anonymous, action: .getObject, key: "a.jpg", applies: true),
        Case(name: "AWS *", statement: #""Principal":{"AWS":"*"},"# + getAll, principal: bob, action: .getObject, key: "a", applies: true),
        Case(
            name: "named user",
            statement: #""Principal":{"AWS":["arn:aws:iam::000000000000:user/alice"]},"# + getAll,
            principal: alice, action: .getObject, key: "a", applies: true
        ),
        Case(
            name: "other user",
            statement: #""Principal":{"AWS":"arn:aws:iam::000000000000:user/alice"},"# + getAll,
            principal: bob, action: .getObject, key: "a", applies: false
        ),
        Case(
            name: "NotPrincipal",
            statement: #""NotPrincipal":{"AWS":"arn:aws:iam::000000000000:user/alice"},"# + getAll,
            principal: bob, action: .getObject, key: "a", applies: true
        ),
        Case(
            name: "NotPrincipal excludes",
            statement: #""NotPrincipal":{"AWS":"arn:aws:iam::000000000000:user/alice"},"# + getAll,
            principal: alice, action: .getObject, key: "a", applies: false
        ),
        Case(
            name: "canonical user",
            statement: #""Principal":{"CanonicalUser":""# + Principal.canonicalId(of: "alice") + #""},"# + getAll,
            principal: alice, action: .getObject, key: "a", applies: true
        ),
        Case(
            name: "account root is the owner for an Allow",
            statement: #""Principal":{"AWS":"000000000000"},"# + getAll,
            principal: .named("owner"), action: .getObject, key: "a", applies: true
        ),
        Case(
            name: "account root allows no user",
            statement: #""Principal":{"AWS":"arn:aws:iam::000000000000:root"},"# + getAll,
            principal: alice, action: .getObject, key: "a", applies: false
        ),
        Case(
            name: "action wildcard", statement: #""Principal":"*","Action":"s3:Get*","Resource":"arn:aws:s3:::photos/*""#,
            principal: alice, action: .getObjectAcl, key: "a", applies: true),
        Case(
            name: "action case", statement: #""Principal":"*","Action":"S3:getobject","Resource":"arn:aws:s3:::photos/*""#,
            principal: alice, action: .getObject, key: "a", applies: true),
        Case(
            name: "s3:*", statement: #""Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::photos/*""#,
            principal: alice, action: .deleteObject, key: "a", applies: true),
        Case(name: "other action", statement: #""Principal":"*","# + getAll, principal: alice, action: .putObject, key: "a", applies: false),
        Case(
            name: "NotAction", statement: #""Principal":"*","NotAction":"s3:GetObject","Resource":"arn:aws:s3:::photos/*""#,
            principal: alice, action: .deleteObject, key: "a", applies: true),
        Case(
            name: "NotAction excludes", statement: #""Principal":"*","NotAction":"s3:Get*","Resource":"arn:aws:s3:::photos/*""#,
            principal: alice, action: .getObject, key: "a", applies: false),
        Case(
            name: "prefix resource", statement: #""Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/public/*""#,
            principal: alice, action: .getObject, key: "public/a.jpg", applies: true),
        Case(
            name: "outside the prefix", statement: #""Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/public/*""#,
            principal: alice, action: .getObject, key: "private/a.jpg", applies: false),
        Case(
            name: "? wildcard", statement: #""Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/img?.jpg""#,
            principal: alice, action: .getObject, key: "img1.jpg", applies: true),
        Case(
            name: "resource is case-sensitive", statement: #""Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/Public/*""#,
            principal: alice, action: .getObject, key: "public/a", applies: false),
        Case(
            name: "NotResource", statement: #""Principal":"*","Action":"s3:GetObject","NotResource":"arn:aws:s3:::photos/secret/*""#,
            principal: alice, action: .getObject, key: "public/a", applies: true),
        Case(
            name: "bucket resource", statement: #""Principal":"*","Action":"s3:ListBucket","Resource":"arn:aws:s3:::photos""#,
            principal: alice, action: .listBucket, key: nil, applies: true),
        Case(
            name: "user variable",
            statement: #""Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/home/${aws:username}/*""#,
            principal: alice, action: .getObject, key: "home/alice/a", applies: true
        ),
        Case(
            name: "user variable, someone else's home",
            statement: #""Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/home/${aws:username}/*""#,
            principal: bob, action: .getObject, key: "home/alice/a", applies: false
        ),
    ]

    @Test(arguments: cases)
    func statementApplies(_ example: Case) throws {
        let text = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","# + example.statement + "}]}"
        let policy = try BucketPolicy(parsing: Array(text.utf8), bucket: "photos", dialect: .s3, principals: nil)
        var context = ConditionContext(example.conditions)
        if let name = example.principal.name, name != "owner" { context.set("aws:username", name) }
        let resource = "arn:aws:s3:::photos" + (example.key.map { "/" + $0 } ?? "")
        let applying = policy.statements(
            .allow,
            applyingTo: example.principal,
            action: example.action,
            resource: resource,
            context: context,
            accountRoot: "owner"
        )
        #expect(applying.isEmpty != example.applies)
    }

    @Test func theAccountRootInADenyCoversEveryUser() throws {
        let text = #"{"Statement":[{"Effect":"Deny","Principal":{"AWS":"000000000000"},"Action":"s3:*","Resource":"arn:aws:s3:::photos/*"}]}"#
        let policy = try BucketPolicy(parsing: Array(text.utf8), bucket: "photos", dialect: .s3, principals: nil)
        let denials = { (principal: Principal) in
            let resource = "arn:aws:s3:::photos/a"
            return policy.statements(.deny, applyingTo: principal, action: .getObject, resource: resource, context: .init(), accountRoot: "owner")
        }
        for principal in [Self.alice, .named("owner"), .named("modelarts-service")] {
            #expect(!denials(principal).isEmpty)
        }
        #expect(denials(.anonymous).isEmpty)
    }

    struct Status: Sendable, CustomTestStringConvertible {
        let name: String
        let statement: String
        let isPublic: Bool
        var testDescription: String { name }
    }

    static let statuses: [Status] = [
        Status(name: "public read", statement: #""Effect":"Allow","Principal":"*","# + getAll, isPublic: true),
        Status(name: "a user", statement: #""Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:user/alice"},"# + getAll, isPublic: false),
        Status(name: "deny everyone", statement: #""Effect":"Deny","Principal":"*","# + getAll, isPublic: false),
        Status(
            name: "pinned to an address block",
            statement: #""Effect":"Allow","Principal":"*","# + getAll + #","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}"#,
            isPublic: false
        ),
        Status(
            name: "every address",
            statement: #""Effect":"Allow","Principal":"*","# + getAll + #","Condition":{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}"#,
            isPublic: true
        ),
        Status(
            name: "TLS only is still public",
            statement: #""Effect":"Allow","Principal":"*","# + getAll + #","Condition":{"Bool":{"aws:SecureTransport":"true"}}"#,
            isPublic: true
        ),
        Status(
            name: "NotPrincipal",
            statement: #""Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::000000000000:user/alice"},"# + getAll,
            isPublic: true
        ),
    ]

    @Test(arguments: statuses)
    func policyStatus(_ example: Status) throws {
        let text = #"{"Version":"2012-10-17","Statement":[{"# + example.statement + "}]}"
        #expect(try BucketPolicy(parsing: Array(text.utf8), bucket: "photos", dialect: .s3, principals: nil).isPublic == example.isPublic)
    }
}
