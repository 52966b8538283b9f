import Foundation
import S3Documents

/// ListObjectsV2's answer, the most frequent large one, written directly (`XMLTextWriter`).
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
        for object in contents {
            writer.open("Contents")
            writer.element("Key", object.key)
            writer.element("LastModified", HTTPDate.iso8601(object.lastModified))
            writer.element("ETag", object.etag)
            writer.element("Size", object.size)
            writer.element("StorageClass", object.storageClass)
            if let owner = object.owner {
                writer.open("Owner")
                writer.element("ID", owner.id)
                writer.element("DisplayName", owner.displayName)
                writer.close("Owner")
            }
            writer.element("ChecksumAlgorithm", object.checksumAlgorithm)
            writer.close("Contents")
        }
        for commonPrefix in commonPrefixes {
            writer.open("CommonPrefixes")
            writer.element("Prefix", commonPrefix.prefix)
            writer.close("CommonPrefixes")
        }
    }
}
