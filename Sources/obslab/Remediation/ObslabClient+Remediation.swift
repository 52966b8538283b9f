import Foundation
import NIOHTTP1
import S3Protocol

/// The S3 calls remediation makes, as the bucket owner.
extension ObslabClient {
    /// Every object under `prefix`, in key order.
    func listObjects(bucket: String, prefix: String) async throws -> [RemoteObject] {
        var objects: [RemoteObject] = []
        var token: String?
        repeat {
            var query = [("list-type", "2"), ("prefix", prefix)]
            if let token { query.append(("continuation-token", token)) }
            let reply = try await send(.GET, pathSegments: [bucket], query: query.sorted { $0.0 < $1.0 })
            try reply.throwIfFailed()
            guard let page = RemoteObject.parseListing(reply.body) else {
                throw CLIError("unexpected listing of \(bucket) from \(endpoint.absoluteString)")
            }
            objects += page.objects
            token = page.nextToken
        } while token != nil
        return objects
    }

    func bucketExists(_ bucket: String) async throws -> Bool {
        let reply = try await send(.HEAD, pathSegments: [bucket])
        if reply.status == 404 { return false }
        try reply.throwIfFailed()
        return true
    }

    /// The bucket's default encryption algorithm (`aws:kms`, `AES256`) and key, nil when it has none.
    func defaultEncryption(_ bucket: String) async throws -> (algorithm: String, keyId: String?)? {
        let reply = try await send(.GET, pathSegments: [bucket], query: [("encryption", "")])
        if reply.status == 404 && String(decoding: reply.body, as: UTF8.self).contains("ServerSideEncryptionConfigurationNotFoundError") {
            return nil
        }
        try reply.throwIfFailed()
        let text = String(decoding: reply.body, as: UTF8.self)
        return (Self.element("SSEAlgorithm", in: text) ?? "?", Self.element("KMSMasterKeyID", in: text))
    }

    func isVersioned(_ bucket: String) async throws -> Bool {
        let reply = try await send(.GET, pathSegments: [bucket], query: [("versioning", "")])
        try reply.throwIfFailed()
        return Self.element("Status", in: String(decoding: reply.body, as: UTF8.self)) == "Enabled"
    }

    /// CopyObject; `headers` add the metadata directive and what goes with it.
    func copyObject(from source: (bucket: String, key: String), to bucket: String, key: String, headers: [(name: String, value: String)] = [])
        async throws -> Reply
    {
        let copySource = "/" + ([source.bucket] + source.key.split(separator: "/", omittingEmptySubsequences: false).map(String.init))
            .map { PercentEncoding.uriEncode($0) }.joined(separator: "/")
        return try await send(
            .PUT,
            pathSegments: [bucket] + key.split(separator: "/", omittingEmptySubsequences: false).map(String.init),
            headers: [("x-amz-copy-source", copySource)] + headers
        )
    }

    func headObject(bucket: String, key: String) async throws -> Reply {
        try await send(.HEAD, pathSegments: [bucket] + key.split(separator: "/", omittingEmptySubsequences: false).map(String.init))
    }

    static func element(_ name: String, in xml: String) -> String? {
        guard let start = xml.range(of: "<\(name)>"), let end = xml.range(of: "</\(name)>", range: start.upperBound..<xml.endIndex) else {
            return nil
        }
        return String(xml[start.upperBound..<end.lowerBound])
    }
}
