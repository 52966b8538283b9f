import S3RequestXML
import Testing

@testable import S3Server

/// CORS rules as S3 checks and matches them.
struct CORSPolicyTests {
    @Test(arguments: [
        ("https://app.example.com", "https://app.example.com", true),
        ("https://a.example.com", "https://*.example.com", true),
        ("https://example.com", "https://*.example.com", false),
        ("http://a.example.com", "https://*.example.com", false),
        ("anything", "*", true),
    ])
    func originsMatchWithOneWildcard(origin: String, pattern: String, matches: Bool) {
        #expect(CORSPolicy.matches(origin, pattern: pattern, caseSensitive: true) == matches)
    }

    @Test func theFirstRuleAllowingEverythingAskedAnswers() throws {
        let policy = try CORSPolicy(
            validating: CORSConfiguration(rules: [
                .init(id: "put", allowedOrigins: ["https://app.example.com"], allowedMethods: ["PUT"], allowedHeaders: ["x-amz-*"]),
                .init(id: "get", allowedOrigins: ["*"], allowedMethods: ["GET"]),
            ]))
        #expect(policy.rule(origin: "https://app.example.com", methods: ["PUT"], headers: ["x-amz-meta-a"])?.id == "put")
        #expect(policy.rule(origin: "https://app.example.com", methods: ["PUT"], headers: ["content-type"]) == nil)
        #expect(policy.rule(origin: "https://other.example", methods: ["GET"])?.id == "get")
        #expect(policy.rule(origin: "https://app.example.com", methods: ["GET", "PUT"]) == nil)
    }

    @Test(arguments: [
        CORSConfiguration(rules: []),
        CORSConfiguration(rules: [.init(allowedOrigins: [], allowedMethods: ["GET"])]),
        CORSConfiguration(rules: [.init(allowedOrigins: ["*"], allowedMethods: ["PATCH"])]),
        CORSConfiguration(rules: [.init(allowedOrigins: ["*.*"], allowedMethods: ["GET"])]),
    ])
    func invalidConfigurationsAreRefused(configuration: CORSConfiguration) {
        #expect(throws: S3Error.self) { try CORSPolicy(validating: configuration) }
    }
}
