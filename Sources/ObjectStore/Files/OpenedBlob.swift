/// A blob file opened for reading when a read is granted, so the bytes stay readable even if a newer write replaces
/// (and unlinks) the blob while the response is still streaming.
///
/// `@unchecked Sendable`: the descriptor never changes after opening and positioned reads (`pread`) share it safely.
final class OpenedBlob: @unchecked Sendable {
    let descriptor: FileDescriptor

    init(path: String) throws {
        descriptor = try FileDescriptor.openForReading(path)
    }
}
