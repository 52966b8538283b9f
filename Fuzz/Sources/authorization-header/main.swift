import FuzzSupport
import S3Protocol

/// The `Authorization` header of every scheme (SigV4, SigV2, OBS), with other headers: the first line is the
/// Authorization value, each further line a `name: value` header. Authentication may fail; it must not crash.
func fuzzAuthorizationHeader(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let headers = [("host", "127.0.0.1:9000"), ("authorization", String(lines.first ?? ""))] + FuzzAuthentication.headers(lines.dropFirst())
    FuzzAuthentication.run(SignableRequest(method: "PUT", rawPath: "/bucket/key", rawQuery: "uploads", headers: headers))
}

FuzzDriver.run { data, count in
    fuzzAuthorizationHeader(FuzzDriver.bytes(data, count))
    return 0
}
