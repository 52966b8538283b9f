import Dispatch
import S3Protocol

/// Runs the (async) authenticator to its end from libFuzzer's synchronous callback, with a fixed clock and one key.
public enum FuzzAuthentication {
    static let authenticator = RequestAuthenticator(credentials: StaticCredentialProvider(["AKIDEXAMPLE": "secret"]))
    static let now = SignatureDate.parseAmzDate("20130524T000000Z")!

    /// Authenticates `request`; any outcome but a crash or a hang is fine.
    public static func run(_ request: SignableRequest) {
        let done = DispatchSemaphore(value: 0)
        Task {
            _ = try? await authenticator.authenticate(request, now: now)
            done.signal()
        }
        done.wait()
    }

    /// `name: value` lines as headers.
    public static func headers(_ lines: some Sequence<Substring>) -> [(name: String, value: String)] {
        lines.map { line in
            let parts = line.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
    }
}
