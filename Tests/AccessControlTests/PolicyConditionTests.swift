import Testing

@testable import AccessControl

/// Condition operators against request contexts, including keys the request does not have.
@Suite struct PolicyConditionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let condition: String
        let context: [String: String]
        let holds: Bool
        var testDescription: String { "\(condition) with \(context)" }
    }

    static let kms = #"{"StringEquals":{"s3:x-amz-server-side-encryption":"aws:kms"}}"#
    static let notKMS = #"{"StringNotEquals":{"s3:x-amz-server-side-encryption":"aws:kms"}}"#
    static let noHeader = #"{"Null":{"s3:x-amz-server-side-encryption":"true"}}"#
    static let sse = "s3:x-amz-server-side-encryption"

    static let cases: [Case] = [
        Case(condition: kms, context: [sse: "aws:kms"], holds: true),
        Case(condition: kms, context: [sse: "AES256"], holds: false),
        Case(condition: kms, context: [:], holds: false),
        Case(condition: notKMS, context: [sse: "AES256"], holds: true),
        Case(condition: notKMS, context: [sse: "aws:kms"], holds: false),
        // A negated operator holds for a key the request lacks: the classic deny-unencrypted policy relies on it.
        Case(condition: notKMS, context: [:], holds: true),
        Case(condition: noHeader, context: [:], holds: true),
        Case(condition: noHeader, context: [sse: "AES256"], holds: false),
        Case(condition: #"{"Null":{"s3:prefix":false}}"#, context: ["s3:prefix": ""], holds: true),
        Case(condition: #"{"StringEqualsIfExists":{"s3:x-amz-server-side-encryption":"aws:kms"}}"#, context: [:], holds: true),
        Case(condition: #"{"StringEqualsIfExists":{"s3:x-amz-server-side-encryption":"aws:kms"}}"#, context: [sse: "AES256"], holds: false),
        Case(condition: #"{"StringLike":{"s3:prefix":["home/*","public/"]}}"#, context: ["s3:prefix": "home/alice/"], holds: true),
        Case(condition: #"{"StringLike":{"s3:prefix":["home/*","public/"]}}"#, context: ["s3:prefix": "private/"], holds: false),
        Case(condition: #"{"StringNotLike":{"s3:prefix":"home/*"}}"#, context: ["s3:prefix": "private/"], holds: true),
        Case(condition: #"{"StringEqualsIgnoreCase":{"s3:x-amz-acl":"PUBLIC-READ"}}"#, context: ["s3:x-amz-acl": "public-read"], holds: true),
        Case(condition: #"{"StringEquals":{"S3:X-Amz-Acl":"private"}}"#, context: ["s3:x-amz-acl": "private"], holds: true),
        Case(condition: #"{"Bool":{"aws:SecureTransport":"false"}}"#, context: ["aws:SecureTransport": "false"], holds: true),
        Case(condition: #"{"Bool":{"aws:SecureTransport":false}}"#, context: ["aws:SecureTransport": "true"], holds: false),
        Case(condition: #"{"IpAddress":{"aws:SourceIp":"127.0.0.0/8"}}"#, context: ["aws:SourceIp": "127.0.0.1"], holds: true),
        Case(condition: #"{"IpAddress":{"aws:SourceIp":"127.0.0.0/8"}}"#, context: ["aws:SourceIp": "::ffff:127.0.0.1"], holds: true),
        Case(condition: #"{"IpAddress":{"aws:SourceIp":["10.1.0.0/16","192.168.1.7"]}}"#, context: ["aws:SourceIp": "192.168.1.7"], holds: true),
        Case(condition: #"{"IpAddress":{"aws:SourceIp":"10.1.0.0/16"}}"#, context: ["aws:SourceIp": "10.2.0.1"], holds: false),
        Case(condition: #"{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}"#, context: ["aws:SourceIp": "127.0.0.1"], holds: true),
        Case(condition: #"{"IpAddress":{"aws:SourceIp":"2001:db8::/32"}}"#, context: ["aws:SourceIp": "2001:db8:0:1::5"], holds: true),
        Case(condition: #"{"IpAddress":{"aws:SourceIp":"2001:db8::/32"}}"#, context: ["aws:SourceIp": "127.0.0.1"], holds: false),
        Case(condition: #"{"NumericLessThanEquals":{"s3:max-keys":"10"}}"#, context: ["s3:max-keys": "5"], holds: true),
        Case(condition: #"{"NumericGreaterThan":{"s3:max-keys":10}}"#, context: ["s3:max-keys": "5"], holds: false),
        Case(
            condition: #"{"DateLessThan":{"aws:CurrentTime":"2100-01-01T00:00:00Z"}}"#,
            context: ["aws:CurrentTime": "2025-06-01T12:00:00Z"],
            holds: true
        ),
        Case(condition: #"{"DateGreaterThan":{"aws:CurrentTime":"2100-01-01"}}"#, context: ["aws:CurrentTime": "2025-06-01T12:00:00Z"], holds: false),
        Case(
            condition: #"{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::000000000000:user/a*"}}"#,
            context: ["aws:PrincipalArn": "arn:aws:iam::000000000000:user/alice"], holds: true),
        Case(condition: #"{"ForAnyValue:StringEquals":{"s3:x-amz-acl":"private"}}"#, context: [:], holds: false),
        Case(condition: #"{"ForAllValues:StringEquals":{"s3:x-amz-acl":"private"}}"#, context: [:], holds: true),
        // Every condition of a statement must hold.
        Case(
            condition: #"{"Bool":{"aws:SecureTransport":"true"},"StringEquals":{"s3:prefix":"a/"}}"#,
            context: ["aws:SecureTransport": "true", "s3:prefix": "b/"], holds: false),
    ]

    @Test(arguments: cases)
    func conditionHolds(_ example: Case) throws {
        let text =
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","#
            + #""Resource":["arn:aws:s3:::photos","arn:aws:s3:::photos/*"],"Condition":"# + example.condition + "}]}"
        let policy = try BucketPolicy(parsing: Array(text.utf8), bucket: "photos", dialect: .s3, principals: nil)
        let context = ConditionContext(example.context)
        #expect(policy.statements[0].conditions.allSatisfy { $0.holds(in: context) } == example.holds)
    }

    @Test(arguments: [
        ("*", "anything", true), ("a*c", "abbbc", true), ("a*c", "abbbd", false), ("a?c", "abc", true), ("a?c", "ac", false),
        ("*.jpg", "dir/x.jpg", true), ("**", "", true), ("a*b*c", "aXbYbZc", true), ("", "", true), ("", "x", false),
    ])
    func wildcards(_ pattern: String, _ candidate: String, _ matches: Bool) {
        #expect(WildcardPattern(pattern).matches(candidate) == matches)
    }

    @Test(arguments: ["10.0.0.0/33", "1.2.3", "abc", "::1/129", "10.0.0.0/-1", "10.0.0.0/"])
    func badAddressBlocks(_ text: String) {
        #expect(IPAddressRange(text) == nil)
    }
}
