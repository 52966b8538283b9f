import AccessControl
import Crypto
import Foundation
import HTTPTypes
import S3Protocol

/// Who signed a browser POST form, from its fields (lower-cased names): SigV4 (`x-amz-algorithm`, `x-amz-credential`,
/// `x-amz-signature`), S3's V2 (`AWSAccessKeyId`, `signature`), or OBS's (`AccessKeyId`, `signature`, or `token` as
/// `ak:signature:policy`). Each signs the base64 policy text itself.
struct PostCredentials: Sendable {
    let accessKey: String
    let signature: String
    let policy: String
    /// SigV4's credential scope (date, region, service), nil for an HMAC-SHA1 signature.
    let scope: (date: String, region: String, service: String)?

    /// The credentials of the form, or nil for an unsigned form (anonymous, with no policy to check).
    init?(fields: [String: String]) throws {
        if let token = fields["token"] {
            let parts = token.split(separator: ":", maxSplits: 2).map(String.init)
            guard parts.count == 3 else { throw S3Error.invalidArgument("The token is not ak:signature:policy", name: "token", value: token) }
            (accessKey, signature, policy, scope) = (parts[0], parts[1], parts[2], nil)
            return
        }
        if let signature = fields["x-amz-signature"] {
            guard fields["x-amz-algorithm"] == "AWS4-HMAC-SHA256" else {
                throw S3Error.invalidArgument("Only AWS4-HMAC-SHA256 is supported", name: "x-amz-algorithm", value: fields["x-amz-algorithm"])
            }
            let credential = (fields["x-amz-credential"] ?? "").split(separator: "/").map(String.init)
            guard credential.count == 5, credential[4] == "aws4_request" else {
                throw S3Error.invalidArgument("Invalid credential", name: "x-amz-credential", value: fields["x-amz-credential"])
            }
            (accessKey, self.signature, scope) = (credential[0], signature, (credential[1], credential[2], credential[3]))
        } else if let signature = fields["signature"], let key = fields["awsaccesskeyid"] ?? fields["accesskeyid"] {
            (accessKey, self.signature, scope) = (key, signature, nil)
        } else {
            if fields["policy"] != nil || fields["signature"] != nil {
                throw S3Error.invalidArgument(
                    "Bucket POST must contain a field named 'AWSAccessKeyId'.  If it is specified, please check the order of the fields.",
                    name: "AWSAccessKeyId",
                    value: ""
                )
            }
            return nil
        }
        guard let policy = fields["policy"] else {
            throw S3Error.invalidArgument(
                "Bucket POST must contain a field named 'policy'.  If it is specified, please check the order of the fields.",
                name: "policy",
                value: ""
            )
        }
        self.policy = policy
    }

    /// Throws `InvalidAccessKeyId` or `SignatureDoesNotMatch` unless `secretKey` signed the policy.
    func verify(secretKey: String?) throws {
        guard let secretKey else {
            throw S3Error("InvalidAccessKeyId", status: .forbidden, message: "The AWS Access Key Id you provided does not exist in our records.")
        }
        let expected: String
        if let scope {
            let key = SignatureV4.signingKey(secretKey: secretKey, date: scope.date, region: scope.region, service: scope.service)
            expected = SignatureV4.signature(signingKey: key, stringToSign: policy)
        } else {
            expected = SignatureV2.signature(secretKey: secretKey, stringToSign: policy)
        }
        guard Array(expected.utf8).count == Array(signature.utf8).count,
            zip(expected.utf8, signature.utf8).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0
        else {
            throw S3Error(
                "SignatureDoesNotMatch",
                status: .forbidden,
                message: "The request signature we calculated does not match the signature you provided. Check your key and signing method."
            )
        }
    }
}
