import GRDB

/// Whether a failure means the disk ran out of space: the labeling catalog's (`SQLITE_FULL`) or the object storage's
/// (`InsufficientStorageSpace`, as obslab's store answers a full disk). The API then says so instead of reporting an
/// internal error; nothing of the refused write was kept.
public enum StorageSpace {
    public static func isExhausted(by error: any Error) -> Bool {
        switch error {
        case let error as DatabaseError: error.resultCode == .SQLITE_FULL
        case let error as StorageError: error.code == "InsufficientStorageSpace"
        default: false
        }
    }
}
