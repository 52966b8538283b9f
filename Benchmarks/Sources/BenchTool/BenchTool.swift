import ArgumentParser

/// What the benchmark script needs from Swift: URLs presigned with obslab's own SigV4 stages, swift-crypto's
/// AES-GCM throughput on one core (the bound of SSE reads and writes, whose envelope seals 64 KiB chunks), and the
/// disk's bound for durable 4 KiB writes (that of durable PUTs).
@main
struct BenchTool: ParsableCommand {
    static let configuration = CommandConfiguration(subcommands: [Presign.self, AESGCM.self, DurableWrites.self])
}
