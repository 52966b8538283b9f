import ArgumentParser

extension Obslab {
    /// `obslab remediate`: the two fixes for labeled data that shows as unlabeled because the bucket encrypts with KMS.
    struct RemediateCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remediate",
            abstract: "Fix a dataset whose label files the labeling service cannot decrypt (see `obslab diagnose`).",
            discussion: """
                Both fixes upload the data again as plaintext, acting as the bucket owner: deleting a bucket's default \
                encryption alone decrypts nothing. Both are restartable: run again after an interruption, they skip \
                the objects already done. --dry-run prints the plan and changes nothing.
                """,
            subcommands: [NewBucket.self, DisableEncryption.self]
        )
    }
}
