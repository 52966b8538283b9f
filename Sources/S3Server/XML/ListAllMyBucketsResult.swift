import Foundation

/// The response of ListBuckets (`GET /`).
struct ListAllMyBucketsResult: S3XMLDocument, Codable, Equatable {
    static let rootElement = "ListAllMyBucketsResult"

    var owner: Owner
    var buckets: [Bucket]
    /// The token of the next page, when `max-buckets` cut the list.
    var continuationToken: String?
    /// The `prefix` of the request, echoed.
    var prefix: String?
    /// OBS's paging: the request's `marker` and `max-keys`, and where the next page starts.
    var marker: String?
    var maxKeys: Int?
    var isTruncated: Bool?
    var nextMarker: String?

    /// S3 writes `BucketRegion`; OBS writes `Location` and `BucketType` instead.
    struct Bucket: Codable, Sendable, Equatable {
        var name: String
        var creationDate: Date
        var bucketRegion: String?
        var location: String?
        var bucketType: String?

        init(name: String, creationDate: Date, bucketRegion: String? = nil, location: String? = nil, bucketType: String? = nil) {
            self.name = name
            self.creationDate = creationDate
            self.bucketRegion = bucketRegion
            self.location = location
            self.bucketType = bucketType
        }

        enum CodingKeys: String, CodingKey {
            case name = "Name"
            case creationDate = "CreationDate"
            case bucketRegion = "BucketRegion"
            case location = "Location"
            case bucketType = "BucketType"
        }
    }

    enum CodingKeys: String, CodingKey {
        case owner = "Owner"
        case buckets = "Buckets"
        case continuationToken = "ContinuationToken"
        case prefix = "Prefix"
        case marker = "Marker"
        case maxKeys = "MaxKeys"
        case isTruncated = "IsTruncated"
        case nextMarker = "NextMarker"
    }

    /// The buckets sit in a `Buckets` wrapper, one `Bucket` element each.
    private enum BucketsKeys: String, CodingKey {
        case bucket = "Bucket"
    }

    init(owner: Owner, buckets: [Bucket], continuationToken: String? = nil, prefix: String? = nil) {
        self.owner = owner
        self.buckets = buckets
        self.continuationToken = continuationToken
        self.prefix = prefix
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        owner = try container.decode(Owner.self, forKey: .owner)
        let list = try container.nestedContainer(keyedBy: BucketsKeys.self, forKey: .buckets)
        buckets = try list.decodeIfPresent([Bucket].self, forKey: .bucket) ?? []
        continuationToken = try container.decodeIfPresent(String.self, forKey: .continuationToken)
        prefix = try container.decodeIfPresent(String.self, forKey: .prefix)
        marker = try container.decodeIfPresent(String.self, forKey: .marker)
        maxKeys = try container.decodeIfPresent(Int.self, forKey: .maxKeys)
        isTruncated = try container.decodeIfPresent(Bool.self, forKey: .isTruncated)
        nextMarker = try container.decodeIfPresent(String.self, forKey: .nextMarker)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(owner, forKey: .owner)
        var list = container.nestedContainer(keyedBy: BucketsKeys.self, forKey: .buckets)
        try list.encode(buckets, forKey: .bucket)
        try container.encodeIfPresent(continuationToken, forKey: .continuationToken)
        try container.encodeIfPresent(prefix, forKey: .prefix)
        try container.encodeIfPresent(marker, forKey: .marker)
        try container.encodeIfPresent(maxKeys, forKey: .maxKeys)
        try container.encodeIfPresent(isTruncated, forKey: .isTruncated)
        try container.encodeIfPresent(nextMarker, forKey: .nextMarker)
    }
}
