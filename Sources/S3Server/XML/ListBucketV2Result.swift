/// The response of ListObjectsV2; its root element is `ListBucketResult`, as in V1.
struct ListBucketV2Result: S3XMLDocument, Codable, Equatable {
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
    var contents: [S3ListedObject] = []
    var commonPrefixes: [S3CommonPrefix] = []

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
