import NIOCore
import NIOHTTPTypes

/// Watches the HTTP parts of a connection and reports a request's head, its end and its response's end to the
/// ``ConnectionTimeoutHandler`` at the front of the pipeline, which sees only bytes.
final class RequestProgressHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch self.unwrapInboundIn(data) {
        case .head: context.triggerUserOutboundEvent(RequestProgress.headReceived, promise: nil)
        case .end: context.triggerUserOutboundEvent(RequestProgress.requestEnded, promise: nil)
        case .body: break
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = self.unwrapOutboundIn(data) {
            context.triggerUserOutboundEvent(RequestProgress.responseEnded, promise: nil)
        }
        context.write(data, promise: promise)
    }
}
