import NIOCore
import Testing

@testable import ConnectionGuard

/// When a connection is due to be closed, event by event, with the clock as a parameter.
struct ConnectionDeadlineTests {
    static let start = NIODeadline.uptimeNanoseconds(1_000_000_000_000)
    static let header = TimeAmount.seconds(20)
    static let idle = TimeAmount.seconds(60)

    static func opened() -> ConnectionDeadline {
        ConnectionDeadline(headerTimeout: header, idleTimeout: idle, openedAt: start)
    }

    @Test func aNewConnectionMustSendAHeadWithinTheHeaderTimeout() {
        var state = Self.opened()
        #expect(state.deadline == Self.start + Self.header)
        // Trickling bytes does not extend it: the head must be complete in time.
        state.bytesRead(at: Self.start + .seconds(19))
        #expect(state.deadline == Self.start + Self.header)
    }

    @Test func aBodyMayPauseUpToTheIdleTimeoutBetweenReads() {
        var state = Self.opened()
        state.requestHeadReceived(at: Self.start + .seconds(1))
        #expect(state.deadline == Self.start + .seconds(1) + Self.idle)
        state.bytesRead(at: Self.start + .seconds(50))
        #expect(state.deadline == Self.start + .seconds(50) + Self.idle)
    }

    @Test func nothingIsDueWhileTheServerResponds() {
        var state = Self.opened()
        state.requestHeadReceived(at: Self.start)
        state.requestEndReceived()
        #expect(state.deadline == nil)
    }

    @Test func aKeepAliveConnectionWaitsTheIdleTimeoutThenHasTheHeaderTimeoutOnceBytesCome() {
        var state = Self.opened()
        state.requestHeadReceived(at: Self.start)
        state.requestEndReceived()
        state.responseEndSent(at: Self.start + .seconds(5))
        #expect(state.deadline == Self.start + .seconds(5) + Self.idle)
        state.bytesRead(at: Self.start + .seconds(30))
        #expect(state.deadline == Self.start + .seconds(30) + Self.header)
        state.requestHeadReceived(at: Self.start + .seconds(31))
        #expect(state.deadline == Self.start + .seconds(31) + Self.idle)
    }

    @Test func pipelinedRequestsKeepTheConnectionBusyUntilTheLastResponse() {
        var state = Self.opened()
        state.requestHeadReceived(at: Self.start)
        state.requestEndReceived()
        state.requestHeadReceived(at: Self.start)
        state.requestEndReceived()
        state.responseEndSent(at: Self.start + .seconds(1))
        #expect(state.deadline == nil)
        state.responseEndSent(at: Self.start + .seconds(2))
        #expect(state.deadline == Self.start + .seconds(2) + Self.idle)
    }

    @Test func anEarlyResponseStillLeavesTheBodyTimed() {
        var state = Self.opened()
        state.requestHeadReceived(at: Self.start)
        state.responseEndSent(at: Self.start + .seconds(1))
        #expect(state.deadline == Self.start + Self.idle)
    }
}
