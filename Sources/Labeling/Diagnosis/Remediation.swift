/// A fix for label files the labeling service may not decrypt or may not read, or for labels deleted with their job: what to do, with its arguments. How to
/// ask for it is the renderers' business (the API's diagnosis names the `obslab` command that does it).
public struct Remediation: Sendable, Hashable {
    public enum Action: Sendable, Hashable {
        /// Copy the input path, decrypted, into `bucket`, a new unencrypted bucket; point the dataset at it and sync.
        case copyToNewBucket(bucket: String)
        /// Delete the input bucket's default encryption, rewrite the input path's encrypted objects as plaintext in
        /// place, and sync.
        case disableBucketEncryption
        /// Remove `statement` (a Sid, or `#2`) from the bucket policy of `bucket`, or change it so that it no longer
        /// denies the labeling service; then sync.
        case removePolicyStatement(bucket: String, statement: String)
        /// Add a rule to the labeling service's agency: `bucket` (and keys under `prefix`) with `access`; then sync.
        case addAgencyRule(bucket: String, prefix: String, access: AgencyAccess)
        /// Have the object's owner grant the labeling service READ in the object's ACL; then sync.
        case grantObjectRead(bucket: String, key: String)
        /// Allow the labeling service in the bucket policy of `bucket` (the bucket is not the owner's, so the agency
        /// cannot open it); then sync.
        case allowInBucketPolicy(bucket: String, prefix: String)
        /// Find out what refuses the service (the storage did not say): explain its access to `key` of `bucket`.
        case explainAccess(bucket: String, key: String)
        /// Read again the label files of the samples whose labels went with the deleted default job, in a sync.
        case rereadDeletedLabels
    }

    /// What an agency rule lets the service do.
    public enum AgencyAccess: String, Sendable, Hashable {
        case read
        case readWrite = "read-write"
    }

    public var action: Action
    /// The dataset to fix, by name.
    public var datasetName: String
    /// What the fix does, for people.
    public var description: String

    public init(action: Action, datasetName: String, description: String) {
        self.action = action
        self.datasetName = datasetName
        self.description = description
    }
}
