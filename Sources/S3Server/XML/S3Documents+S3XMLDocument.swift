/// The S3 documents the client reads too live in S3Documents (re-exported by `SharedModules.swift`); the server sends
/// and reads them as its own documents.
extension ListBucketResultV2: S3XMLDocument {}
extension ServerSideEncryptionConfiguration: S3XMLDocument {}
extension VersioningConfiguration: S3XMLDocument {}

extension S3ErrorDocument: S3XMLDocument {
    /// S3 sends `Error` without a namespace.
    static var namespace: String? { nil }
}
