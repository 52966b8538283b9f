import LabelFormats

extension ModelArtsAPI {
    /// The header naming who makes a label change (obslab's addition): the owner's token may name any user, a user's own
    /// token only that user. Without it the author is the token's user (`obslab` for the owner).
    public static let userHeader = "X-Obslab-User"

    /// `PUT …/data-annotations/samples` and `PUT …/workforce-tasks/{task_id}/data-annotations/samples` ("Updating
    /// Sample Labels in Batches", "Updating Labels of Team Labeling Samples in Batches"). `email`, in a team task only,
    /// names the team member making the change (the owner's token may name any member, a member's only themselves).
    public struct UpdateSamples: Codable, Sendable, ExactRequest {
        public var samples: [SampleLabels]?
        public var email: String?

        public init(samples: [SampleLabels]?, email: String? = nil) {
            self.samples = samples
            self.email = email
        }

        public static var honouredFields: Set<String> { ["samples", "email"] }
        public static var memberRequests: [String: any ExactRequest.Type] { ["samples": SampleLabels.self] }
    }

    /// A sample's new labels: no `labels` (or none) makes it unlabeled. `metadata` sets or clears the sample's
    /// hard-example state (`@modelarts:hard`, `@modelarts:hard_reasons`, `@modelarts:hard_coefficient`).
    public struct SampleLabels: Codable, Sendable, ExactRequest {
        public var sampleId: String?
        public var labels: [Label]?
        public var metadata: [String: JSONValue]?

        public init(sampleId: String?, labels: [Label]?, metadata: [String: JSONValue]? = nil) {
            self.sampleId = sampleId
            self.labels = labels
            self.metadata = metadata
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case sampleId = "sample_id"
            case labels
            case metadata
        }

        public static var honouredFields: Set<String> { Set(CodingKeys.allCases.map(\.stringValue)) }
        public static var memberRequests: [String: any ExactRequest.Type] { ["labels": Label.self] }
        public static var refusedFields: [String: String] {
            ["worker_id": "obslab records who labels a sample from the request (its token's user, or X-Obslab-User), not from the body"]
        }
    }

    /// ModelArts `BatchResponse`: one item of a batch, and why it failed.
    public struct BatchResult: Codable, Sendable, Equatable {
        public var success: Bool
        public var errorCode: String?
        public var errorMessage: String?

        public init(success: Bool, errorCode: String? = nil, errorMessage: String? = nil) {
            self.success = success
            self.errorCode = errorCode
            self.errorMessage = errorMessage
        }

        enum CodingKeys: String, CodingKey {
            case success
            case errorCode = "error_code"
            case errorMessage = "error_msg"
        }
    }

    /// The answer to a sample label update: whether every sample was updated, and one result per sample, in order.
    public struct UpdateSamplesResponse: Codable, Sendable {
        public var success: Bool
        public var results: [BatchResult]

        public init(success: Bool, results: [BatchResult]) {
            self.success = success
            self.results = results
        }
    }

    /// `PUT …/data-annotations/labels` (each label's `property` holds `@modelarts:rename_to` and `@modelarts:color`), and
    /// `POST …/data-annotations/labels/delete` (only the names count).
    public struct LabelBatch: Codable, Sendable, ExactRequest {
        public var labels: [Label]?

        public static var honouredFields: Set<String> { ["labels"] }
        public static var memberRequests: [String: any ExactRequest.Type] { ["labels": Label.self] }

        public init(labels: [Label]?) {
            self.labels = labels
        }
    }

    /// The answer to a label deletion: ModelArts's `success` and `results` (one per label, in order; a label some of
    /// whose samples could not be deleted is kept and fails), and obslab's additions: `sample_ids`, the samples
    /// deleted (for a dry run, to delete) because they carried only labels being deleted, `impact` of that sample
    /// deletion as `…/samples/delete` answers it (policies 1 and 2), and `dry_run`.
    public struct LabelDeletion: Codable, Sendable {
        public var success: Bool
        public var results: [BatchResult]
        public var deletePolicy: Int
        public var dryRun: Bool
        public var sampleIds: [String]
        public var impact: DeletionImpact?

        public init(success: Bool, results: [BatchResult], deletePolicy: Int, dryRun: Bool, sampleIds: [String], impact: DeletionImpact? = nil) {
            self.success = success
            self.results = results
            self.deletePolicy = deletePolicy
            self.dryRun = dryRun
            self.sampleIds = sampleIds
            self.impact = impact
        }

        enum CodingKeys: String, CodingKey {
            case success
            case results
            case deletePolicy = "delete_policy"
            case dryRun = "dry_run"
            case sampleIds = "sample_ids"
            case impact
        }
    }
}

extension ModelArtsAPI.PropertyKey {
    /// A label's new name, in a label update.
    public static let renameTo = "@modelarts:rename_to"
}
