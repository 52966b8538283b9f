import Foundation

/// The response of ListBuckets (`GET /`).
struct ListAllMyBucketsResult: S3XMLDocument, Codable, Equatable {
    static let rootElement = "ListAllMyBucketsResult"

    var owner: Owner
    var buckets: [Bucket]

    struct Bucket: Codable, Sendable, Equatable {
        var name: String
        var creationDate: Date

        enum CodingKeys: String, CodingKey {
            case name = "Name"
            case creationDate = "CreationDate"
        }
    }

    enum CodingKeys: String, CodingKey {
        case owner = "Owner"
        case buckets = "Buckets"
    }

    /// The buckets sit in a `Buckets` wrapper, one `Bucket` element each.
    private enum BucketsKeys: String, CodingKey {
        case bucket = "Bucket"
    }

    init(owner: Owner, buckets: [Bucket]) {
        self.owner = owner
        self.buckets = buckets
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        owner = try container.decode(Owner.self, forKey: .owner)
        let list = try container.nestedContainer(keyedBy: BucketsKeys.self, forKey: .buckets)
        buckets = try list.decodeIfPresent([Bucket].self, forKey: .bucket) ?? []
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(owner, forKey: .owner)
        var list = container.nestedContainer(keyedBy: BucketsKeys.self, forKey: .buckets)
        try list.encode(buckets, forKey: .bucket)
    }
}
