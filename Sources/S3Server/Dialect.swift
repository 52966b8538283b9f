import HTTPTypes
import S3Protocol

/// The dialect a request speaks: S3's (`x-amz-*` headers, AWS signatures) or Huawei OBS's (`x-obs-*` headers, the OBS
/// signature, the OBS XML namespace).
///
/// Handlers are written for S3 alone; the dialect is applied at the edges of ``S3Handler/respond(to:)``. An OBS request
/// reaches the handlers with its `x-obs-*` headers renamed to their `x-amz-*` twins (the signature is checked on the
/// request as received), and its response goes back with OBS header names, values and XML namespace.
enum Dialect: Sendable, Equatable {
    case s3
    case obs

    /// The dialect of the request being handled, for the XML helpers, which have no request at hand.
    @TaskLocal static var current: Dialect = .s3

    /// OBS when the request is signed the OBS way (`Authorization: OBS …`, an `AccessKeyId` URL), carries an `x-obs-*`
    /// header, or is esdk-obs-python's `?apiversion` negotiation; S3 otherwise.
    init(of head: HTTPRequest) {
        let obs = SignatureV2.Dialect.obs
        if head.headerFields[.authorization]?.hasPrefix(obs.scheme + " ") == true
            || head.headerFields.contains(where: { $0.name.canonicalName.hasPrefix(obs.headerPrefix) })
        {
            self = .obs
            return
        }
        let target = head.path ?? ""
        guard let question = target.utf8.firstIndex(of: UInt8(ascii: "?")) else {
            self = .s3
            return
        }
        let query = String(target[target.utf8.index(after: question)...])
        self = QueryItem.rawPairs(query).contains { $0.name == obs.accessKeyParameter || $0.name == "apiversion" } ? .obs : .s3
    }

    /// The lower-case prefix of the dialect's own headers.
    var headerPrefix: String {
        switch self {
        case .s3: "x-amz-"
        case .obs: SignatureV2.Dialect.obs.headerPrefix
        }
    }
}
