import Foundation
import HTTPTypes
import Hummingbird
import ObjectStore
import S3Protocol
import S3RequestXML

/// Object and bucket tagging: GET, PUT and DELETE `?tagging`. Tags given with a write (`x-amz-tagging`) are read with the
/// object's other attributes (`ObjectHeaders`).
extension S3Handler {
    /// S3 answers an object without tags with an empty `TagSet`; OBS with `NoSuchTagSet`.
    func getObjectTagging(_ request: S3Request, bucket: String, key: String) async throws -> Response {
        let version = try await store.headObject(bucket: bucket, key: key, versionId: request.queryValue("versionId"))
        if version.attributes.tags.isEmpty && Dialect.current == .obs { throw Self.noSuchTagSet(bucket: bucket) }
        return try XMLResponse.make(Self.tagging(version.attributes.tags), headers: Self.versionHeaders(version))
    }

    func putObjectTagging(_ request: S3Request, bucket: String, key: String, payload: PayloadSigning) async throws -> Response {
        let tags = try TagRules(for: .object).tags(of: try await readDocument(Tagging.self, request, payload: payload))
        let version = try await store.setObjectTags(bucket: bucket, key: key, versionId: request.queryValue("versionId"), tags)
        return Response(status: .ok, headers: Self.versionHeaders(version))
    }

    func deleteObjectTagging(_ request: S3Request, bucket: String, key: String) async throws -> Response {
        let version = try await store.setObjectTags(bucket: bucket, key: key, versionId: request.queryValue("versionId"), [:])
        return Response(status: .noContent, headers: Self.versionHeaders(version))
    }

    func getBucketTagging(_ request: S3Request, bucket: String) async throws -> Response {
        guard let document = try await store.bucketConfiguration(bucket, .tagging) else { throw Self.noSuchTagSet(bucket: bucket) }
        let tags = try JSONDecoder().decode([String: String].self, from: Data(document.utf8))
        return try XMLResponse.make(Self.tagging(tags))
    }

    /// An empty tag set deletes the bucket's tags, as S3 takes it.
    func putBucketTagging(_ request: S3Request, bucket: String, payload: PayloadSigning) async throws -> Response {
        let tags = try TagRules(for: .bucket).tags(of: try await readDocument(Tagging.self, request, payload: payload))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let document = tags.isEmpty ? nil : String(decoding: try encoder.encode(tags), as: UTF8.self)
        try await store.setBucketConfiguration(bucket, .tagging, document)
        return Response(status: .noContent)
    }

    func deleteBucketTagging(_ request: S3Request, bucket: String) async throws -> Response {
        try await store.setBucketConfiguration(bucket, .tagging, nil)
        return Response(status: .noContent)
    }

    /// Whether a CopyObject replaces the source's tags (`x-amz-tagging-directive: REPLACE`) rather than copying them (`COPY`,
    /// the default); checked before the source is read.
    static func replacesTags(_ request: S3Request) throws -> Bool {
        let directive = request.header("x-amz-tagging-directive")?.uppercased() ?? "COPY"
        guard directive == "COPY" || directive == "REPLACE" else {
            throw S3Error.invalidArgument("Unknown tagging directive.", name: "x-amz-tagging-directive", value: directive)
        }
        return directive == "REPLACE"
    }

    /// The tags a CopyObject gives its copy: the source's, or those of its `x-amz-tagging` header (none without one).
    static func copiedTags(_ request: S3Request, source: ObjectVersion) throws -> [String: String] {
        guard try replacesTags(request) else { return source.attributes.tags }
        return try request.header("x-amz-tagging").map { try TagRules(for: .object).tags(ofHeader: $0) } ?? [:]
    }

    private static func tagging(_ tags: [String: String]) -> Tagging {
        Tagging(tags: tags.sorted { $0.key < $1.key }.map { Tagging.Tag(key: $0.key, value: $0.value) })
    }

    private static func versionHeaders(_ version: ObjectVersion) -> HTTPFields {
        version.versionId == "null" ? [:] : [.amzVersionId: version.versionId]
    }

    private static func noSuchTagSet(bucket: String) -> S3Error {
        S3Error("NoSuchTagSet", status: .notFound, message: "The TagSet does not exist", details: [("BucketName", bucket)])
    }
}

extension Tagging: S3XMLDocument {}

extension HTTPField.Name {
    static let amzTaggingCount = HTTPField.Name("x-amz-tagging-count")!
}
