import Logging
import NIOCore

/// Closes a connection that is too slow to send a request head, or idle too long (see ``ConnectionDeadline``).
///
/// It sits at the very front of the pipeline, before TLS, so that every byte counts (a TLS handshake that stalls is a
/// head that never comes), and learns of whole requests from ``RequestProgressHandler``'s outbound events.
final class ConnectionTimeoutHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let limits: ConnectionLimits
    private let logger: Logger
    private var state: ConnectionDeadline?
    private var timer: Scheduled<Void>?
    private var timerDeadline: NIODeadline?

    init(limits: ConnectionLimits, logger: Logger) {
        self.limits = limits
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { self.start(context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.cancelTimer()
    }

    func channelActive(context: ChannelHandlerContext) {
        self.start(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.cancelTimer()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        self.update(context) { $0.bytesRead(at: .now()) }
        context.fireChannelRead(data)
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard let progress = event as? RequestProgress else {
            context.triggerUserOutboundEvent(event, promise: promise)
            return
        }
        self.update(context) { state in
            switch progress {
            case .headReceived: state.requestHeadReceived(at: .now())
            case .requestEnded: state.requestEndReceived()
            case .responseEnded: state.responseEndSent(at: .now())
            }
        }
        promise?.succeed(())
    }

    private func start(_ context: ChannelHandlerContext) {
        guard self.state == nil else { return }
        self.state = ConnectionDeadline(headerTimeout: self.limits.headerTimeout, idleTimeout: self.limits.idleTimeout, openedAt: .now())
        self.schedule(context)
    }

    private func update(_ context: ChannelHandlerContext, _ change: (inout ConnectionDeadline) -> Void) {
        guard self.state != nil else { return }
        change(&self.state!)
        self.schedule(context)
    }

    /// Arms the timer for the state's deadline, unless it is already armed for that time or earlier (it then rechecks).
    private func schedule(_ context: ChannelHandlerContext) {
        guard let deadline = self.state?.deadline else { return }
        if let timerDeadline, timerDeadline <= deadline { return }
        self.cancelTimer()
        self.timerDeadline = deadline
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        self.timer = context.eventLoop.scheduleTask(deadline: deadline) {
            let (handler, context) = loopBound.value
            handler.timerFired(context)
        }
    }

    private func timerFired(_ context: ChannelHandlerContext) {
        self.timer = nil
        self.timerDeadline = nil
        guard let deadline = self.state?.deadline else { return }
        if deadline <= .now() {
            let reason = self.state!.requestsInProgress == 0 ? "no complete request head in time, or idle" : "request body stalled"
            self.logger.debug("closing a slow connection", metadata: ["connection.reason": "\(reason)"])
            context.close(promise: nil)
        } else {
            self.schedule(context)
        }
    }

    private func cancelTimer() {
        self.timer?.cancel()
        self.timer = nil
        self.timerDeadline = nil
    }
}
