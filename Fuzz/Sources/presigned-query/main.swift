import FuzzSupport
import S3Protocol

/// A presigned URL of every kind (SigV4's `X-Amz-*`, SigV2's `AWSAccessKeyId`, OBS's `AccessKeyId`): the first line is
/// the raw path, the second the raw query, each further line a `name: value` header.
func fuzzPresignedQuery(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let request = SignableRequest(
        method: "GET",
        rawPath: lines.first.map(String.init) ?? "/",
        rawQuery: lines.count > 1 ? String(lines[1]) : "",
        headers: [("host", "bucket.localhost:9000")] + FuzzAuthentication.headers(lines.dropFirst(2)),
        virtualHostedBucket: "bucket"
    )
    FuzzAuthentication.run(request)
}

FuzzDriver.run { data, count in
    fuzzPresignedQuery(FuzzDriver.bytes(data, count))
    return 0
}
