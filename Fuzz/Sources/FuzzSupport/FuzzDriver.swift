import CFuzzer

#if canImport(Glibc)
import Glibc
#endif

/// Runs libFuzzer on one input handler, from a target's `main.swift`: SwiftPM gives every executable a main of its own, so
/// the targets call libFuzzer's driver rather than letting it bring `main`.
public enum FuzzDriver {
    /// Never returns: exits with libFuzzer's status (non-zero when it found a crash).
    public static func run(_ handler: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Never {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, handler))
    }

    /// The input as a buffer (libFuzzer passes a null pointer for the empty input).
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ count: Int) -> [UInt8] {
        guard let data else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: count))
    }
}
