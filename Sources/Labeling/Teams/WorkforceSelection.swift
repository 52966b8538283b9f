/// The teams of a new team task, and which of their members take part (all of them when `emails` is nil).
public struct WorkforceSelection: Sendable, Hashable {
    public var workforceId: String
    public var emails: [String]?

    public init(workforceId: String, emails: [String]? = nil) {
        self.workforceId = workforceId
        self.emails = emails
    }
}
