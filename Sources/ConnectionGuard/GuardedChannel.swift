import HummingbirdCore
import Logging
import NIOCore

/// A listener's child channel with a ``ConnectionTimeoutHandler`` in front of whatever `Base` sets up (TLS, HTTP/1).
public struct GuardedChannel<Base: ServerChildChannel>: ServerChildChannel {
    public typealias Value = Base.Value

    let base: Base
    let limits: ConnectionLimits

    public init(_ base: Base, limits: ConnectionLimits) {
        self.base = base
        self.limits = limits
    }

    public func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(ConnectionTimeoutHandler(limits: self.limits, logger: logger), position: .first)
        }.flatMap {
            self.base.setup(channel: channel, logger: logger)
        }
    }

    public func handle(value: Value, logger: Logger) async {
        await self.base.handle(value: value, logger: logger)
    }
}
