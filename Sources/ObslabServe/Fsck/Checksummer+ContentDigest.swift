import ObjectStore
import S3Protocol

/// The deep check of `obslab fsck` computes stored flexible checksums with the same code that verified them on upload.
extension Checksummer: ContentDigest {}
