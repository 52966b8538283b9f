import HTTPTypes

/// The API's paths and methods, to tell an unknown path (404) from a known path asked with another method (405).
struct RouteTable: Sendable {
    private var routes: [(segments: [Substring], method: HTTPRequest.Method)] = []

    init(_ endpoints: [LabelingEndpoint]) {
        routes = endpoints.map { (Self.segments($0.path), $0.method) }
    }

    /// The methods some route accepts on `path`, empty when no route has its shape.
    func allowedMethods(for path: String) -> [HTTPRequest.Method] {
        let requested = Self.segments(path)
        var methods: [HTTPRequest.Method] = []
        for route in routes where route.segments.count == requested.count && !methods.contains(route.method) {
            let matches = zip(route.segments, requested).allSatisfy { pattern, segment in pattern.hasPrefix(":") || pattern == segment }
            if matches { methods.append(route.method) }
        }
        return methods
    }

    private static func segments(_ path: String) -> [Substring] {
        path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0].split(separator: "/")
    }
}
