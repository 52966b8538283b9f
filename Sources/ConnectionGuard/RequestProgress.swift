/// What the HTTP layer tells a connection's timer, as outbound user events from ``RequestProgressHandler`` to
/// ``ConnectionTimeoutHandler``.
enum RequestProgress: Sendable {
    case headReceived
    case requestEnded
    case responseEnded
}
