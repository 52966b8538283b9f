/// The response of CreateMultipartUpload (`POST /bucket/key?uploads`).
struct InitiateMultipartUploadResult: S3XMLDocument, Codable, Equatable {
    static let rootElement = "InitiateMultipartUploadResult"

    var bucket: String
    var key: String
    var uploadId: String

    enum CodingKeys: String, CodingKey {
        case bucket = "Bucket"
        case key = "Key"
        case uploadId = "UploadId"
    }
}
