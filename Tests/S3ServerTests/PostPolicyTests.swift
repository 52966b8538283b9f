import Foundation
import Testing

@testable import S3Server

/// POST policies as S3 checks them: expiration, exact and prefix conditions, and a condition for every field.
struct PostPolicyTests {
    static func policy(_ json: String) throws -> PostPolicy {
        try PostPolicy(base64: Data(json.utf8).base64EncodedString())
    }

    static let document = """
        {"expiration": "2030-01-01T00:00:00.000Z", "conditions": [{"bucket": "photos"}, ["starts-with", "$key", "user/"],
         ["eq", "$Content-Type", "image/png"], ["content-length-range", 1, 1024]]}
        """

    static func reason(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as S3Error {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test func conditionsHoldOrNameTheOneThatFailed() throws {
        let policy = try Self.policy(Self.document)
        #expect(policy.lengthRange == 1...1024)
        let fields = ["bucket": "photos", "key": "user/a.png", "content-type": "image/png"]
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let check = { (fields: [String: String], now: Date) in
            try policy.check(fields: fields, now: now, exempt: { $0 == "policy" }, requireConditionForEachField: true)
        }
        #expect(Self.reason { try check(fields, now) } == nil)
        #expect(
            Self.reason { try check(fields.merging(["key": "other/a.png"]) { $1 }, now) }
                == "Invalid according to Policy: Policy Condition failed: [\"starts-with\", \"$key\", \"user/\"]")
        #expect(
            Self.reason { try check(fields.merging(["x-amz-meta-a": "1"]) { $1 }, now) }
                == "Invalid according to Policy: Extra input fields: x-amz-meta-a")
        #expect(Self.reason { try check(fields, Date(timeIntervalSince1970: 1_900_000_000)) } == "Invalid according to Policy: Policy expired.")
    }

    @Test(arguments: ["not base64!", "e30=", "{\"expiration\": \"2030-01-01T00:00:00Z\", \"conditions\": [[\"between\", \"$key\", \"a\"]]}"])
    func malformedPoliciesAreInvalidPolicyDocument(text: String) {
        let encoded = text.hasPrefix("{") ? Data(text.utf8).base64EncodedString() : text
        #expect(throws: S3Error.self) { try PostPolicy(base64: encoded) }
    }
}
