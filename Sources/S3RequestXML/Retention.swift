/// The body of PutObjectRetention and the answer of its GET: `Retention/{Mode, RetainUntilDate}`. The date is kept as
/// sent (ISO 8601, or OBS's milliseconds since 1970); the server reads it.
public struct Retention: RequestDocument, Codable, Equatable {
    public static let rootElement = "Retention"

    public var mode: String?
    public var retainUntilDate: String?

    public init(mode: String?, retainUntilDate: String?) {
        self.mode = mode
        self.retainUntilDate = retainUntilDate
    }

    enum CodingKeys: String, CodingKey {
        case mode = "Mode"
        case retainUntilDate = "RetainUntilDate"
    }
}
