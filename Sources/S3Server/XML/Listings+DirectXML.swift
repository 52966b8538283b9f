import Foundation
import S3Documents

/// The listings, the answers that grow with a request (up to 1000 entries), written directly (`XMLTextWriter`) in the
/// order of their `CodingKeys`.
extension ListBucketResultV2: DirectXMLDocument {
    func writeElements(to writer: inout XMLTextWriter) {
        writer.element("Name", name)
        writer.element("Prefix", prefix)
        writer.element("MaxKeys", maxKeys)
        writer.element("KeyCount", keyCount)
        writer.element("Delimiter", delimiter)
        writer.element("IsTruncated", isTruncated)
        writer.element("ContinuationToken", continuationToken)
        writer.element("NextContinuationToken", nextContinuationToken)
        writer.element("StartAfter", startAfter)
        writer.element("EncodingType", encodingType)
        writer.contents(contents)
        writer.commonPrefixes(commonPrefixes)
    }
}

extension ListBucketResult: DirectXMLDocument {
    func writeElements(to writer: inout XMLTextWriter) {
        writer.element("Name", name)
        writer.element("Prefix", prefix)
        writer.element("Marker", marker)
        writer.element("NextMarker", nextMarker)
        writer.element("MaxKeys", maxKeys)
        writer.element("Delimiter", delimiter)
        writer.element("IsTruncated", isTruncated)
        writer.element("EncodingType", encodingType)
        writer.contents(contents)
        writer.commonPrefixes(commonPrefixes)
    }
}

extension ListVersionsResult: DirectXMLDocument {
    /// `Version` and `DeleteMarker` elements interleave in `entries` order, as `encode(to:)` writes them.
    func writeElements(to writer: inout XMLTextWriter) {
        writer.element("Name", name)
        writer.element("Prefix", prefix)
        writer.element("KeyMarker", keyMarker)
        writer.element("VersionIdMarker", versionIdMarker)
        writer.element("NextKeyMarker", nextKeyMarker)
        writer.element("NextVersionIdMarker", nextVersionIdMarker)
        writer.element("MaxKeys", maxKeys)
        writer.element("Delimiter", delimiter)
        writer.element("IsTruncated", isTruncated)
        writer.element("EncodingType", encodingType)
        for entry in entries {
            switch entry {
            case .version(let version):
                writer.open("Version")
                writer.element("Key", version.key)
                writer.element("VersionId", version.versionId)
                writer.element("IsLatest", version.isLatest)
                writer.element("LastModified", HTTPDate.iso8601(version.lastModified))
                writer.element("ETag", version.etag)
                writer.element("Size", version.size)
                writer.element("StorageClass", version.storageClass)
                writer.owner(version.owner)
                writer.close("Version")
            case .deleteMarker(let marker):
                writer.open("DeleteMarker")
                writer.element("Key", marker.key)
                writer.element("VersionId", marker.versionId)
                writer.element("IsLatest", marker.isLatest)
                writer.element("LastModified", HTTPDate.iso8601(marker.lastModified))
                writer.owner(marker.owner)
                writer.close("DeleteMarker")
            }
        }
        writer.commonPrefixes(commonPrefixes)
    }
}

extension XMLTextWriter {
    /// `Contents` elements, as `ListedObject` encodes.
    mutating func contents(_ objects: [ListedObject]) {
        for object in objects {
            open("Contents")
            element("Key", object.key)
            element("LastModified", HTTPDate.iso8601(object.lastModified))
            element("ETag", object.etag)
            element("Size", object.size)
            element("StorageClass", object.storageClass)
            if let owner = object.owner { self.owner(owner) }
            element("ChecksumAlgorithm", object.checksumAlgorithm)
            close("Contents")
        }
    }

    mutating func commonPrefixes(_ prefixes: [CommonPrefix]) {
        for commonPrefix in prefixes {
            open("CommonPrefixes")
            element("Prefix", commonPrefix.prefix)
            close("CommonPrefixes")
        }
    }

    mutating func owner(_ owner: Owner) {
        open("Owner")
        element("ID", owner.id)
        element("DisplayName", owner.displayName)
        close("Owner")
    }
}
