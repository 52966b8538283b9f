import FuzzSupport
import S3Documents
import S3RequestXML

/// Every S3 request document: the first byte picks the type, the rest is the body. Decoding may fail; it must not crash,
/// and what decodes must be within the document's limits.
func fuzzRequestXML(_ bytes: [UInt8]) {
    guard let selector = bytes.first else { return }
    let body = Array(bytes.dropFirst())
    switch selector % 5 {
    case 0:
        if let document = try? RequestXML.decode(Delete.self, from: body), document.objects.count > Delete.maxObjects {
            fatalError("decoded \(document.objects.count) objects")
        }
    case 1:
        if let document = try? RequestXML.decode(CompleteMultipartUpload.self, from: body), document.parts.count > 10_000 {
            fatalError("decoded \(document.parts.count) parts")
        }
    case 2: _ = try? RequestXML.decode(ServerSideEncryptionConfiguration.self, from: body)
    case 3: _ = try? RequestXML.decode(VersioningConfiguration.self, from: body)
    default: _ = try? RequestXML.decodeIfPresent(CreateBucketConfiguration.self, from: body)
    }
}

FuzzDriver.run { data, count in
    fuzzRequestXML(FuzzDriver.bytes(data, count))
    return 0
}
