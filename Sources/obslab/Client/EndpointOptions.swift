import ArgumentParser
import Foundation
import ObslabAPI

/// Where the running server is: the same two options on every command but `serve`, documented once in the README.
///
/// `--endpoint` meant the S3 endpoint for some commands and the labeling API for others; it still works, hidden and
/// deprecated, with the meaning it had for each command (`Legacy`), and says so on stderr.
struct EndpointOptions: ParsableArguments {
    @Option(help: "The S3/OBS endpoint (default: $OBSLAB_S3_ENDPOINT or \(ObslabDefaults.s3Endpoint)).")
    var s3Endpoint: String?

    @Option(help: "The ModelArts-style API endpoint (default: $OBSLAB_API_ENDPOINT or \(ObslabDefaults.apiEndpoint)).")
    var apiEndpoint: String?

    @Option(name: .customLong("endpoint"), help: ArgumentHelp("Deprecated: --s3-endpoint or --api-endpoint.", visibility: .hidden))
    var legacyEndpoint: String?

    /// What a command's `--endpoint` meant before the two options.
    enum Legacy {
        case s3
        case api
    }

    func validate() throws {
        for (name, value) in [("--s3-endpoint", s3Endpoint), ("--api-endpoint", apiEndpoint), ("--endpoint", legacyEndpoint)] {
            if let value, URL(string: value)?.host == nil {
                throw ValidationError("\(name) must be a URL such as \(ObslabDefaults.s3Endpoint), not \(value).")
            }
        }
    }

    /// `--s3-endpoint`, `--endpoint` where it meant S3, `$OBSLAB_S3_ENDPOINT`, the deprecated `$OBSLAB_ENDPOINT`, or
    /// the default.
    func s3URL(legacy: Legacy) throws -> URL {
        let environment = ProcessInfo.processInfo.environment
        let given = s3Endpoint ?? deprecated(legacy == .s3, replacement: "--s3-endpoint")
        if let given { return try Self.url(given, from: "--s3-endpoint") }
        if let variable = ["OBSLAB_S3_ENDPOINT", "OBSLAB_ENDPOINT"].first(where: { environment[$0] != nil }) {
            return try Self.url(environment[variable]!, from: variable)
        }
        return URL(string: ObslabDefaults.s3Endpoint)!
    }

    /// `--api-endpoint`, `--endpoint` where it meant the API, `$OBSLAB_API_ENDPOINT`, or the default.
    func apiURL(legacy: Legacy) throws -> URL {
        let environment = ProcessInfo.processInfo.environment
        if let given = apiEndpoint ?? deprecated(legacy == .api, replacement: "--api-endpoint") {
            return try Self.url(given, from: "--api-endpoint")
        }
        if let variable = environment["OBSLAB_API_ENDPOINT"] { return try Self.url(variable, from: "OBSLAB_API_ENDPOINT") }
        return URL(string: ObslabDefaults.apiEndpoint)!
    }

    /// The value of `--endpoint` when it stands for `replacement` here, with a note on stderr.
    private func deprecated(_ applies: Bool, replacement: String) -> String? {
        guard applies, let legacyEndpoint else { return nil }
        FileHandle.standardError.write(Data("obslab: --endpoint is deprecated; here it means \(replacement)\n".utf8))
        return legacyEndpoint
    }

    private static func url(_ text: String, from source: String) throws -> URL {
        guard let url = URL(string: text), url.host != nil else {
            throw ValidationError("\(source) must be a URL such as \(ObslabDefaults.s3Endpoint), not \(text).")
        }
        return url
    }
}
