import Foundation
import HTTPTypes
import ObjectStore

/// Translates between HTTP headers and the object attributes the store keeps.
enum ObjectHeaders {
    static let userMetadataPrefix = "x-amz-meta-"
    /// S3's Content-Type when the client gives none.
    static let defaultContentType = "binary/octet-stream"

    /// The attributes a PUT, copy (REPLACE) or multipart initiation sets from its headers.
    static func attributes(from headers: HTTPFields) throws -> ObjectAttributes {
        var attributes = ObjectAttributes()
        attributes.contentType = headers[.contentType] ?? defaultContentType
        attributes.contentEncoding = storedContentEncoding(headers[.contentEncoding])
        attributes.contentDisposition = headers[.contentDisposition]
        attributes.contentLanguage = headers[.contentLanguage]
        attributes.cacheControl = headers[.cacheControl]
        attributes.expires = headers[.expires]
        if let storageClass = try StorageClass.requested(by: headers) {
            attributes.storageClass = storageClass
        }
        var metadataSize = 0
        for field in headers where field.name.canonicalName.hasPrefix(userMetadataPrefix) {
            let name = String(field.name.canonicalName.dropFirst(userMetadataPrefix.count))
            let value = MetadataEncoding.decode(field.value)
            attributes.userMetadata[name] = value
            metadataSize += name.utf8.count + value.utf8.count
        }
        // S3 limits user-defined metadata to 2 KB.
        if metadataSize > 2048 {
            throw S3Error("MetadataTooLarge", status: .badRequest, message: "Your metadata headers exceed the maximum allowed metadata size.")
        }
        if let tagging = headers[.amzTagging] { attributes.tags = try TagRules(for: .object).tags(ofHeader: tagging) }
        return attributes
    }

    /// `aws-chunked` describes how the body travelled, not the object: S3 never stores it. Any other value is kept as
    /// sent (`deflate, gzip` stays `deflate, gzip`).
    static func storedContentEncoding(_ header: String?) -> String? {
        guard let header else { return nil }
        let codings = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard codings.contains(where: { $0.lowercased() == "aws-chunked" }) else { return header }
        let kept = codings.filter { !$0.isEmpty && $0.lowercased() != "aws-chunked" }
        return kept.isEmpty ? nil : kept.joined(separator: ", ")
    }

    /// Headers describing an object version on GET and HEAD (and, partly, on PUT and copy responses).
    static func describing(_ version: ObjectVersion) -> HTTPFields {
        var fields = HTTPFields()
        fields[.eTag] = quoted(version.etag)
        fields[.lastModified] = HTTPDate.rfc1123(version.lastModified)
        fields[.acceptRanges] = "bytes"
        let attributes = version.attributes
        fields[.contentType] = attributes.contentType ?? defaultContentType
        if let value = attributes.contentEncoding { fields[.contentEncoding] = value }
        if let value = attributes.contentDisposition { fields[.contentDisposition] = value }
        if let value = attributes.contentLanguage { fields[.contentLanguage] = value }
        if let value = attributes.cacheControl { fields[.cacheControl] = value }
        if let value = attributes.expires { fields[.expires] = value }
        if attributes.storageClass != StorageClass.standard {
            fields[.amzStorageClass] = attributes.storageClass
        }
        for (name, value) in attributes.userMetadata.sorted(by: { $0.key < $1.key }) {
            if let fieldName = HTTPField.Name(userMetadataPrefix + name) {
                fields.append(HTTPField(name: fieldName, value: MetadataEncoding.encode(value)))
            }
        }
        if version.versionId != "null" {
            fields[.amzVersionId] = version.versionId
        }
        if !version.partSizes.isEmpty {
            fields[.amzPartsCount] = String(version.partSizes.count)
        }
        if !attributes.tags.isEmpty {
            fields[.amzTaggingCount] = String(attributes.tags.count)
        }
        return fields
    }

    /// The object's checksums and their type (`x-amz-checksum-type`).
    static func addChecksums(of version: ObjectVersion, to fields: inout HTTPFields) {
        addChecksums(version.attributes.checksums, to: &fields)
        if let type = MultipartChecksums.type(of: version.attributes) { fields[.amzChecksumType] = type }
    }

    /// Part N's checksums, in the object's algorithm, with the object's checksum type, as S3 answers `?partNumber=N`.
    static func addChecksums(ofPart number: Int, of version: ObjectVersion, to fields: inout HTTPFields) {
        guard version.partChecksums.indices.contains(number - 1) else { return }
        let algorithms = Set(version.attributes.checksums.keys)
        addChecksums(version.partChecksums[number - 1].filter { algorithms.contains($0.key) }, to: &fields)
        if let type = MultipartChecksums.type(of: version.attributes) { fields[.amzChecksumType] = type }
    }

    /// `x-amz-checksum-<algorithm>` headers, as PUT and UploadPart responses and whole-object GETs carry them.
    static func addChecksums(_ checksums: [String: String], to fields: inout HTTPFields) {
        for (algorithm, value) in checksums.sorted(by: { $0.key < $1.key }) {
            if let name = HTTPField.Name("x-amz-checksum-\(algorithm.lowercased())") { fields[name] = value }
        }
    }

    /// Applies GetObject's `response-*` query overrides.
    static func applyOverrides(_ query: [(name: String, value: String)], to fields: inout HTTPFields) {
        let overrides: [(String, HTTPField.Name)] = [
            ("response-content-type", .contentType),
            ("response-content-language", .contentLanguage),
            ("response-expires", .expires),
            ("response-cache-control", .cacheControl),
            ("response-content-disposition", .contentDisposition),
            ("response-content-encoding", .contentEncoding),
        ]
        for (parameter, header) in overrides {
            if let value = query.first(where: { $0.name == parameter })?.value {
                fields[header] = value
            }
        }
    }

    static func quoted(_ etag: String) -> String {
        "\"\(etag)\""
    }
}

extension HTTPField.Name {
    static let amzPartsCount = HTTPField.Name("x-amz-mp-parts-count")!
    static let amzTagging = HTTPField.Name("x-amz-tagging")!
}
