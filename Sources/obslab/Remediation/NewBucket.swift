import ArgumentParser
import Foundation
import NIOHTTP1
import ObslabAPI
import S3Client
import S3Documents

extension Obslab.RemediateCommand {
    /// Copies the input path into a new unencrypted bucket and points the dataset at it.
    struct NewBucket: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new-bucket",
            abstract: "Copy the dataset's input path, decrypted, into a new unencrypted bucket, point the dataset at it, sync.",
            discussion: """
                Every object keeps its key and metadata; the copy is server-side, decrypted as the owner and stored \
                as plaintext because the new bucket has no default encryption. The original bucket is left untouched. \
                An object already in the new bucket with the same ETag is not copied again.
                """
        )

        @OptionGroup var options: RemediationOptions
        @Option(help: "The new bucket (created if missing; it must have no default encryption).") var bucket: String

        func run() async throws {
            let (s3, labeling, before, input) = try await options.start()
            let say = RemediationSupport.say
            if input.bucket == bucket {
                // A run that stopped after moving the dataset: only the sync is left.
                say("dataset \(before.datasetName) already reads obs://\(bucket)/\(input.prefix)")
                if !options.dryRun { try await finish(labeling, before) }
                return
            }
            let exists = try await s3.bucketExists(bucket)
            if exists, let encryption = try await s3.bucketEncryption(bucket)?.rules.first?.applyServerSideEncryptionByDefault {
                throw CLIError(
                    "bucket \(bucket) has default encryption \(encryption.sseAlgorithm): the copies would be encrypted again; choose another"
                )
            }
            let sources = try await s3.listAllObjects(bucket: input.bucket, prefix: input.prefix)
            let existing = exists ? try await s3.listAllObjects(bucket: bucket, prefix: input.prefix) : []
            let done = Dictionary(existing.map { ($0.key, $0.etag) }, uniquingKeysWith: { first, _ in first })
            let toCopy = sources.filter { done[$0.key] != $0.etag }
            let bytes = toCopy.reduce(Int64(0)) { $0 + $1.size }

            say("plan for dataset \(before.datasetName) (\(RemediationSupport.counts(before))):")
            say("  \(exists ? "use the existing bucket" : "create the bucket") \(bucket), without default encryption")
            say("  copy \(toCopy.count) objects (\(RemediationSupport.bytes(bytes))) from obs://\(input.bucket)/\(input.prefix) as plaintext")
            if sources.count > toCopy.count { say("  skip \(sources.count - toCopy.count) objects already copied") }
            say("  point the dataset's input path at obs://\(bucket)/\(input.prefix), then sync")
            say("  leave obs://\(input.bucket)/ untouched")
            if options.dryRun {
                say("dry run: nothing changed")
                return
            }

            if !exists { try await s3.createBucket(bucket) }
            var progress = RemediationProgress(total: toCopy.count, totalBytes: bytes, verbose: options.verbose)
            var skipped: [(String, String)] = []
            for object in toCopy {
                try await progress.step("copied", object) {
                    do {
                        try await s3.copyObject(from: (input.bucket, object.key), to: bucket, key: object.key)
                    } catch let error as S3ClientError where Self.needsCustomerKey(error) {
                        skipped.append((object.key, "SSE-C: the copy needs the customer key (\(error))"))
                    }
                }
            }
            progress.finish()
            say("copied \(toCopy.count - skipped.count) objects into \(bucket)")
            for (key, reason) in skipped { say("skipped \(key): \(reason)") }

            _ = try await labeling.call(
                .PUT,
                ["datasets", before.datasetId],
                body: ModelArtsAPI.UpdateDataset(dataSources: [ModelArtsAPI.DataSource(dataPath: "obs://\(bucket)/\(input.prefix)")]),
                as: ModelArtsAPI.CreateDatasetResponse.self
            )
            say("dataset \(before.datasetName) now reads obs://\(bucket)/\(input.prefix)")
            try await finish(labeling, before)
        }

        private func finish(_ labeling: LabelingClient, _ before: ModelArtsAPI.Dataset) async throws {
            let after = try await RemediationSupport.sync(labeling, datasetId: before.datasetId)
            RemediationSupport.say("before: \(RemediationSupport.counts(before)); after: \(RemediationSupport.counts(after))")
        }

        /// A copy refused because its source is stored with a customer key (SSE-C), which the owner's copy cannot supply.
        static func needsCustomerKey(_ error: S3ClientError) -> Bool {
            error.description.contains("Server Side Encryption") || error.description.contains("customer")
        }
    }
}
