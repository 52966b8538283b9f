import ArgumentParser
import Foundation
import Labeling
import ObjectStore
import S3Protocol

/// `obslab fsck`: checks a data root offline, with no server on it, and repairs what is safe.
///
/// Exit status: 0 clean (or everything found repaired), 1 problems left, 2 the check could not run (a server holds
/// the data root, no data root there, an unreadable catalog).
public struct FsckCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "fsck",
        abstract: "Check a data root offline: catalogs against blob files and envelopes; --repair removes what is safe.",
        discussion: """
            Stop the server first: fsck locks the data root as the server does. It checks every object version and part \
            against its blob file (present, of the size its catalog entry and encryption envelope give), files nothing \
            refers to (orphan blobs, staging leftovers), parts without an upload, and the labeling catalog's references. \
            --deep also reads every plaintext object and compares it with its ETag and stored checksums (encrypted \
            objects are not decrypted: fsck holds no keys). Exit status: 0 clean, 1 problems found, 2 could not run.
            """
    )

    public init() {}

    @Option(help: "The data root to check.")
    var dataDir = "Buckets"

    @Flag(help: "Remove orphan blobs, staging leftovers and parts without an upload; promote the newest version of a key without one.")
    var repair = false

    @Flag(help: "Also read every plaintext object and part and compare it with its ETag and checksums.")
    var deep = false

    public func run() async throws {
        let dataRoot = URL(fileURLWithPath: dataDir).standardizedFileURL.path
        let options = CheckOptions(deep: deep, repair: repair) { name in ChecksumAlgorithm(name: name).map(Checksummer.init) }
        let report: CheckReport
        do {
            report = try await ObjectStore.check(dataRoot: dataRoot, options: options)
        } catch let error as DataRootInUseError {
            let holder = error.holderProcessId.map { "obslab process \($0)" } ?? "another obslab process"
            Self.fail("\(dataRoot) is in use by \(holder); fsck works offline: stop the server first")
        } catch {
            Self.fail("could not check \(dataRoot): \(error)")
        }
        var labeling: LabelingCatalogCheck?
        let labelingPath = dataRoot + "/.obslab/labeling.sqlite"
        if FileManager.default.fileExists(atPath: labelingPath) {
            do {
                labeling = try LabelingCatalogCheck.run(path: labelingPath)
            } catch {
                Self.fail("could not read the labeling catalog \(labelingPath): \(error)")
            }
        }
        let text = FsckReport(dataRoot: dataRoot, store: report, labeling: labeling, repair: repair, deep: deep)
        print(text.render(), terminator: "")
        throw ExitCode(text.isClean ? 0 : 1)
    }

    private static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("obslab fsck: \(message)\n".utf8))
        Foundation.exit(2)
    }
}
