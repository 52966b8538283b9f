import S3Documents

/// The configuration documents a request carries that the S3 client reads too (they live in S3Documents): decoded under a
/// configuration's limits.
extension ServerSideEncryptionConfiguration: RequestDocument {}

extension VersioningConfiguration: RequestDocument {}
