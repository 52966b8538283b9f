/// The response of ListObjects (V1).
struct ListBucketResult: S3XMLDocument, Codable, Equatable {
    static let rootElement = "ListBucketResult"

    var name: String
    var prefix: String
    var marker: String
    var nextMarker: String?
    var maxKeys: Int
    var delimiter: String?
    var isTruncated: Bool
    var encodingType: String?
    var contents: [ListedObject] = []
    var commonPrefixes: [CommonPrefix] = []

    enum CodingKeys: String, CodingKey {
        case name = "Name"
        case prefix = "Prefix"
        case marker = "Marker"
        case nextMarker = "NextMarker"
        case maxKeys = "MaxKeys"
        case delimiter = "Delimiter"
        case isTruncated = "IsTruncated"
        case encodingType = "EncodingType"
        case contents = "Contents"
        case commonPrefixes = "CommonPrefixes"
    }
}
