import S3Protocol

/// The `x-amz-copy-source` header: `[/]bucket/key[?versionId=id]`, URL-encoded.
struct CopySource: Equatable, Sendable {
    let bucket: String
    let key: String
    let versionId: String?
}

extension CopySource {
    init(header: String) throws(S3Error) {
        var text = Substring(header)
        var versionId: String? = nil
        if let question = text.firstIndex(of: "?") {
            let query = try S3Request.parseQuery(String(text[text.index(after: question)...]))
            versionId = query.first { $0.name == "versionId" }?.value
            text = text[..<question]
        }
        if text.hasPrefix("/") { text = text.dropFirst() }
        guard let decoded = PercentEncoding.strictDecode(text, plusAsSpace: false),
            let slash = decoded.firstIndex(of: "/"),
            decoded.index(after: slash) < decoded.endIndex
        else {
            throw S3Error.invalidArgument("Invalid copy source object key", name: "x-amz-copy-source", value: header)
        }
        self.bucket = String(decoded[..<slash])
        self.key = String(decoded[decoded.index(after: slash)...])
        try S3Request.checkKey(self.key, argument: "x-amz-copy-source")
        self.versionId = versionId
    }
}
