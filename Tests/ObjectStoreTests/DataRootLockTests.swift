import Foundation
import Testing

@testable import ObjectStore

@Suite("Data root lock")
struct DataRootLockTests {
    @Test func aSecondStoreOnTheSameRootIsRefusedUntilTheFirstCloses() async throws {
        let root = try TemporaryDataRoot()
        defer { root.remove() }
        let first = try await root.open()

        do {
            _ = try await root.open()
            Issue.record("a second store opened a data root that is in use")
        } catch let error as DataRootInUseError {
            #expect(error.holderProcessId == getpid())
            #expect(error.description.contains("in use by another obslab process (pid \(getpid()))"))
        }

        try first.close()
        let second = try await root.open()
        try second.close()
    }

    /// The refused store must not have touched the data: no staging sweep under a running store's feet.
    @Test func theRefusedOpenLeavesStagingAlone() async throws {
        let root = try TemporaryDataRoot()
        defer { root.remove() }
        let store = try await root.open()
        defer { try? store.close() }
        let inFlight = root.stagingPath + "/in-flight"
        try Data("half an upload".utf8).write(to: URL(fileURLWithPath: inFlight))

        await #expect(throws: DataRootInUseError.self) { try await root.open() }

        #expect(FileManager.default.fileExists(atPath: inFlight))
    }
}
