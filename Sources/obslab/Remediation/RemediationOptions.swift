import ArgumentParser
import ObslabAPI
import S3Client

/// What both remediations take: the dataset, both endpoints, the bucket owner's keys, `--dry-run` and `--verbose`.
struct RemediationOptions: ParsableArguments {
    @OptionGroup var api: LabelingOptions
    @OptionGroup var owner: S3Credentials

    @Argument(help: "The dataset: name or id.") var dataset: String
    @Flag(help: "Print the plan (objects, bytes, what changes) and change nothing.") var dryRun = false
    @Flag(help: "Print a line per object.") var verbose = false

    /// The clients (S3 as the owner, the labeling API), and the dataset and its input path as they are before the fix.
    func start() async throws -> (s3: S3Client, labeling: LabelingClient, before: ModelArtsAPI.Dataset, input: (bucket: String, prefix: String)) {
        let s3 = try owner.client(endpoint: try api.s3URL())
        let labeling = try api.client()
        let before = try await labeling.dataset(dataset)
        return (s3, labeling, before, try RemediationSupport.inputPath(of: before))
    }
}
