/// The body of PutObjectLegalHold and the answer of its GET: `LegalHold/Status` (`ON` or `OFF`).
public struct LegalHold: RequestDocument, Codable, Equatable {
    public static let rootElement = "LegalHold"

    public var status: String?

    public init(status: String?) {
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case status = "Status"
    }
}
