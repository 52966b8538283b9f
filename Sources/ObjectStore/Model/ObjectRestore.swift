import Foundation

/// The restore of a cold object: its restored copy is readable from `readyAt` until `expiresAt`.
public struct ObjectRestore: Sendable, Hashable {
    public var readyAt: Date
    public var expiresAt: Date

    public init(readyAt: Date, expiresAt: Date) {
        self.readyAt = readyAt
        self.expiresAt = expiresAt
    }

    /// Whether the restore is still running at `date`.
    public func isOngoing(at date: Date) -> Bool { date < readyAt }

    /// Whether the restored copy can be read at `date`.
    public func isReadable(at date: Date) -> Bool { readyAt <= date && date < expiresAt }
}
