import GRDB
import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension StoreError {
    /// The answer to a write that found the data root's file system full (or the user's quota spent), whichever layer
    /// noticed: a blob file write (`ENOSPC`, `EDQUOT`) or the catalog (`SQLITE_FULL`). Nothing of the write was kept and
    /// nothing stored before is touched; writes work again as soon as space returns, without a restart.
    /// - Returns: nil when `error` is not about space.
    public static func insufficientStorage(from error: any Error) -> StoreError? {
        switch error {
        case let error as StoreError where error.code == .insufficientStorage:
            return error
        case let error as IOError where error.errnoCode == ENOSPC || error.errnoCode == EDQUOT:
            break
        case let error as DatabaseError where error.resultCode == .SQLITE_FULL:
            break
        default:
            return nil
        }
        return StoreError(
            .insufficientStorage,
            "Insufficient storage space: the server's disk is full, so nothing was stored. Free space and retry.",
            resource: nil
        )
    }
}
