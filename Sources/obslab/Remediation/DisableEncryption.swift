import ArgumentParser
import Foundation
import ObslabAPI
import S3Client
import S3Documents

extension Obslab.RemediateCommand {
    /// Deletes the bucket's default encryption and rewrites the encrypted objects of the input path as plaintext.
    struct DisableEncryption: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "disable-encryption",
            abstract: "Delete the input bucket's default encryption, rewrite its encrypted objects as plaintext in place, sync.",
            discussion: """
                Each encrypted object of the input path is copied onto itself with its metadata and content type \
                (x-amz-metadata-directive: REPLACE), which stores it again without encryption; in a versioned bucket \
                this adds a version. SSE-C objects cannot be rewritten without their key: they are listed as skipped. \
                An object that is already plaintext is left alone.
                """
        )

        @OptionGroup var options: RemediationOptions

        /// The headers a REPLACE copy must repeat to keep an object's metadata.
        static let keptHeaders = ["content-type", "content-encoding", "content-disposition", "content-language", "cache-control", "expires"]

        func run() async throws {
            let (s3, labeling, before, input) = try await options.start()
            let say = RemediationSupport.say
            let encryption = try await s3.bucketEncryption(input.bucket)?.rules.first?.applyServerSideEncryptionByDefault
            let versioned = try await s3.bucketVersioning(input.bucket).status == "Enabled"

            var toRewrite: [(object: ListedObject, headers: [(name: String, value: String)])] = []
            var plaintext = 0
            var skipped: [(String, String)] = []
            for object in try await s3.listAllObjects(bucket: input.bucket, prefix: input.prefix) {
                let head = try await s3.headObject(bucket: input.bucket, key: object.key)
                if head.status == 400 || head.header("x-amz-server-side-encryption-customer-algorithm") != nil {
                    skipped.append((object.key, "SSE-C: only the holder of the customer key can read it; upload it again without SSE-C"))
                    continue
                }
                try head.checked()
                guard head.header("x-amz-server-side-encryption") != nil else {
                    plaintext += 1
                    continue
                }
                toRewrite.append((object, Self.metadata(of: head)))
            }
            let bytes = toRewrite.reduce(Int64(0)) { $0 + $1.object.size }

            say("plan for dataset \(before.datasetName) (\(RemediationSupport.counts(before))):")
            if let encryption {
                let key = encryption.kmsMasterKeyId.map { ", key \($0)" } ?? ""
                say("  delete the default encryption of bucket \(input.bucket) (\(encryption.sseAlgorithm)\(key))")
            } else {
                say("  bucket \(input.bucket) has no default encryption any more")
            }
            say(
                "  rewrite \(toRewrite.count) encrypted objects (\(RemediationSupport.bytes(bytes))) of obs://\(input.bucket)/\(input.prefix) "
                    + "as plaintext, metadata kept"
            )
            if plaintext > 0 { say("  leave \(plaintext) objects that are already plaintext") }
            if versioned { say("  the bucket is versioned: each rewrite adds a version; the encrypted versions stay") }
            for (key, reason) in skipped { say("  skip \(key): \(reason)") }
            say("  then sync the dataset")
            if options.dryRun {
                say("dry run: nothing changed")
                return
            }

            if encryption != nil {
                try await s3.deleteBucketEncryption(input.bucket)
                say("deleted the default encryption of bucket \(input.bucket)")
            }
            var progress = RemediationProgress(total: toRewrite.count, totalBytes: bytes, verbose: options.verbose)
            for (object, headers) in toRewrite {
                try await progress.step("rewrote", object) {
                    try await s3.copyObject(
                        from: (input.bucket, object.key),
                        to: input.bucket,
                        key: object.key,
                        headers: [("x-amz-metadata-directive", "REPLACE")] + headers
                    )
                }
            }
            progress.finish()
            say("rewrote \(toRewrite.count) objects as plaintext")
            for (key, reason) in skipped { say("skipped \(key): \(reason)") }
            let after = try await RemediationSupport.sync(labeling, datasetId: before.datasetId)
            say("before: \(RemediationSupport.counts(before)); after: \(RemediationSupport.counts(after))")
        }

        /// The content headers and `x-amz-meta-*` of a HEAD answer.
        static func metadata(of head: S3Response) -> [(name: String, value: String)] {
            head.headers.filter { header in
                let name = header.name.lowercased()
                return keptHeaders.contains(name) || name.hasPrefix("x-amz-meta-")
            }.map { ($0.name, $0.value) }
        }
    }
}
