/// The response of ListObjectsV2; its root element is `ListBucketResult`, as in V1.
struct ListBucketResultV2: S3XMLDocument, Codable, Equatable {
    static let rootElement = "ListBucketResult"

    var name: String
    var prefix: String
    var maxKeys: Int
    var keyCount: Int
    var delimiter: String?
    var isTruncated: Bool
    var continuationToken: String?
    var nextContinuationToken: String?
    var startAfter: String?
    var encodingType: String?
    var contents: [ListedObject] = []
    var commonPrefixes: [CommonPrefix] = []

    enum CodingKeys: String, CodingKey {
        case name = "Name"
        case prefix = "Prefix"
        case maxKeys = "MaxKeys"
        case keyCount = "KeyCount"
        case delimiter = "Delimiter"
        case isTruncated = "IsTruncated"
        case continuationToken = "ContinuationToken"
        case nextContinuationToken = "NextContinuationToken"
        case startAfter = "StartAfter"
        case encodingType = "EncodingType"
        case contents = "Contents"
        case commonPrefixes = "CommonPrefixes"
    }
}
