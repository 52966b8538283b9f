import Foundation
import Synchronization

/// The time lifecycle rules are judged by: the system's, moved ahead by what tests asked for (the admin API's
/// `lifecycle/run` with `advanceSeconds`), so that a 30-day expiration can be seen in a test.
final class LifecycleClock: Sendable {
    private let offset = Mutex<TimeInterval>(0)

    func now() -> Date {
        Date().addingTimeInterval(offset.withLock { $0 })
    }

    func advance(by seconds: TimeInterval) {
        offset.withLock { $0 += seconds }
    }
}
