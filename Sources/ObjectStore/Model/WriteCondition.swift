/// A conditional write (S3's `If-None-Match: *` and `If-Match` on PUT), checked in the transaction that publishes.
public enum WriteCondition: Sendable, Hashable {
    /// Only create: fails if the key has a current object.
    case ifNoneMatch
    /// Only replace the current object with this ETag (unquoted).
    case ifMatch(String)
}
