import ArgumentParser
import Crypto
import Foundation

/// swift-crypto's AES-256-GCM on one core: seals `--megabytes` of data in 64 KiB chunks, as obslab's envelope does,
/// and prints MiB/s.
struct AESGCM: ParsableCommand {
    // ArgumentParser would name it `aesgcm`; bench.py calls it `aes-gcm`.
    static let configuration = CommandConfiguration(commandName: "aes-gcm")

    @Option var megabytes = 256

    func run() throws {
        let key = SymmetricKey(size: .bits256)
        let chunk = [UInt8](repeating: 0x5A, count: 64 * 1024)
        let chunks = megabytes * 16
        let clock = ContinuousClock()
        var sealed = 0
        let elapsed = try clock.measure {
            for index in 0..<chunks {
                var nonce = [UInt8](repeating: 0, count: 12)
                withUnsafeBytes(of: UInt32(index).bigEndian) { nonce.replaceSubrange(8..<12, with: $0) }
                let box = try AES.GCM.seal(chunk, using: key, nonce: try AES.GCM.Nonce(data: nonce))
                sealed += box.ciphertext.count
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(String(format: "%.1f", Double(sealed) / Double(1 << 20) / seconds))
    }
}
