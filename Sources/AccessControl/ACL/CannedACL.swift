/// The canned ACLs of `x-amz-acl` (and OBS's `x-obs-acl`), each a shorthand for a set of grants.
public enum CannedACL: String, Sendable, CaseIterable {
    case `private` = "private"
    case publicRead = "public-read"
    case publicReadWrite = "public-read-write"
    case authenticatedRead = "authenticated-read"
    case bucketOwnerRead = "bucket-owner-read"
    case bucketOwnerFullControl = "bucket-owner-full-control"
    case logDeliveryWrite = "log-delivery-write"
    /// OBS: public-read, and the bucket's objects inherit it.
    case publicReadDelivered = "public-read-delivered"
    /// OBS: public-read-write, and the bucket's objects inherit it.
    case publicReadWriteDelivered = "public-read-write-delivered"

    /// The canned ACLs each dialect knows.
    public static func named(_ name: String, obsDialect: Bool) -> CannedACL? {
        guard let canned = CannedACL(rawValue: name) else { return nil }
        switch canned {
        case .publicReadDelivered, .publicReadWriteDelivered: return obsDialect ? canned : nil
        case .authenticatedRead, .bucketOwnerRead, .logDeliveryWrite: return obsDialect ? nil : canned
        default: return canned
        }
    }

    /// The grants it stands for, on a resource owned by `owner` in a bucket owned by `bucketOwner` (the bucket-owner
    /// ACLs give the bucket's owner a grant on an object someone else writes, and nothing on a bucket).
    public func acl(owner: String, bucketOwner: String) -> AccessControlList {
        var grants = [Grant(.user(owner), .fullControl)]
        switch self {
        case .private:
            break
        case .publicRead:
            grants.append(Grant(.group(.allUsers), .read))
        case .publicReadWrite:
            grants += [Grant(.group(.allUsers), .read), Grant(.group(.allUsers), .write)]
        case .authenticatedRead:
            grants.append(Grant(.group(.authenticatedUsers), .read))
        case .bucketOwnerRead:
            if bucketOwner != owner { grants.append(Grant(.user(bucketOwner), .read)) }
        case .bucketOwnerFullControl:
            if bucketOwner != owner { grants.append(Grant(.user(bucketOwner), .fullControl)) }
        case .logDeliveryWrite:
            grants += [Grant(.group(.logDelivery), .write), Grant(.group(.logDelivery), .readACP)]
        case .publicReadDelivered:
            grants.append(Grant(.group(.allUsers), .read, delivered: true))
        case .publicReadWriteDelivered:
            grants += [Grant(.group(.allUsers), .read, delivered: true), Grant(.group(.allUsers), .write, delivered: true)]
        }
        return AccessControlList(grants: grants)
    }
}
