import NIOCore

/// When a connection must be closed for saying too little, given what it did so far: a pure state machine fed with the
/// connection's events and the time they happened, so that it can be tested without a network.
///
/// - A head being received (the connection is new, or bytes came after an idle wait) must be complete within the header
///   timeout of its start.
/// - A request body must not pause longer than the idle timeout.
/// - While the server works on a response nothing is due from the client.
/// - Between requests, a keep-alive connection may wait the idle timeout.
struct ConnectionDeadline: Equatable {
    let headerTimeout: TimeAmount
    let idleTimeout: TimeAmount
    /// Requests whose head arrived and whose response is not complete.
    private(set) var requestsInProgress = 0
    /// Whether a request's head arrived and its end did not.
    private(set) var readingBody = false
    /// When the head being received started: the connection's opening, or the first byte after an idle wait.
    private var headStartedAt: NIODeadline?
    private var lastReadAt: NIODeadline
    private var idleSince: NIODeadline

    init(headerTimeout: TimeAmount, idleTimeout: TimeAmount, openedAt now: NIODeadline) {
        self.headerTimeout = headerTimeout
        self.idleTimeout = idleTimeout
        self.headStartedAt = now
        self.lastReadAt = now
        self.idleSince = now
    }

    /// When the connection is to be closed unless something happens first; nil while the server owes a response.
    var deadline: NIODeadline? {
        if self.readingBody { return self.lastReadAt + self.idleTimeout }
        if self.requestsInProgress > 0 { return nil }
        if let headStartedAt { return headStartedAt + self.headerTimeout }
        return self.idleSince + self.idleTimeout
    }

    mutating func bytesRead(at now: NIODeadline) {
        self.lastReadAt = now
        if !self.readingBody, self.requestsInProgress == 0, self.headStartedAt == nil {
            self.headStartedAt = now
        }
    }

    mutating func requestHeadReceived(at now: NIODeadline) {
        self.requestsInProgress += 1
        self.readingBody = true
        self.headStartedAt = nil
        self.lastReadAt = now
    }

    mutating func requestEndReceived() {
        self.readingBody = false
    }

    mutating func responseEndSent(at now: NIODeadline) {
        self.requestsInProgress = max(0, self.requestsInProgress - 1)
        if self.requestsInProgress == 0 { self.idleSince = now }
    }
}
