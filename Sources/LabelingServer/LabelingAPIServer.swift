import ConnectionGuard
import Hummingbird
import HummingbirdCore
import Labeling
import Logging
import ServiceLifecycle

/// The ModelArts v2 data-management API (`/v2/{project_id}/datasets…`) over a `LabelingService`, on its own port.
///
/// A plain Hummingbird `Application`: unlike the S3 front it needs no `100-continue`. Syncs started through the API
/// (and auto grouping and export tasks) run in the background, in services the application owns, so that they stop with it.
public struct LabelingAPIServer: Sendable {
    let service: LabelingService
    let configuration: LabelingAPIConfiguration
    let logger: Logger
    let backgroundTasks: BackgroundTasks

    public init(service: LabelingService, configuration: LabelingAPIConfiguration, logger: Logger) {
        self.service = service
        self.configuration = configuration
        self.logger = logger
        self.backgroundTasks = BackgroundTasks(logger: logger)
    }

    /// The services to run in the caller's `ServiceGroup`: the HTTP listener, which also runs the background syncs.
    /// - Parameter onListening: called with the port once the listener accepts connections.
    public func services(onListening: @escaping @Sendable (_ port: Int) async -> Void = { _ in }) -> [any Service] {
        [application(onListening: onListening)]
    }

    /// The application itself (tests drive it with HummingbirdTesting).
    public func application(onListening: @escaping @Sendable (_ port: Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        let limits = configuration.connectionLimits
        return Application(
            router: router(),
            server: .http1(limits: limits),
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: "obslab",
                availableConnectionsDelegate: MaximumAvailableConnections(limits.maxConnections, logger: logger)
            ),
            services: [service.syncScheduler, backgroundTasks],
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger
        )
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        let endpoints = LabelingEndpoints(service: service, backgroundTasks: backgroundTasks).all
        router.add(middleware: LogRequestsMiddleware(.debug))
        router.add(middleware: ModelArtsErrorMiddleware(routes: RouteTable(endpoints + LabelingEndpoints.console)))
        router.add(middleware: RequestBodyErrorMiddleware())
        // A route gets the middleware added before it: the console's files, which hold no data, need no token.
        for endpoint in LabelingEndpoints.console {
            router.on(RouterPath(endpoint.path), method: endpoint.method, use: endpoint.handler)
        }
        router.add(middleware: TokenAuthenticationMiddleware(token: configuration.token, service: service))
        for endpoint in endpoints {
            router.on(RouterPath(endpoint.path), method: endpoint.method, use: endpoint.checkedHandler)
        }
        return router
    }
}
