import LabelFormats

extension ModelArtsAPI {
    /// A label of a dataset's label set, or a label on a sample (ModelArts `Label` and `SampleLabel`).
    public struct Label: Codable, Sendable, Equatable, ExactRequest {
        public var name: String?
        /// The label type code: 0 image classification, 1 object detection, 100 text, 200 sound.
        public var type: Int?
        /// `@modelarts:color`, and on a sample's object detection label `@modelarts:shape` and `@modelarts:feature`.
        public var property: [String: JSONValue]?
        /// Who labeled it (on a sample), as the manifest's `annotated-by` names it.
        public var annotatedBy: String?
        /// The number of samples carrying the label (in the label list).
        public var sampleCount: Int?

        public init(
            name: String?,
            type: Int?,
            property: [String: JSONValue]? = nil,
            annotatedBy: String? = nil,
            sampleCount: Int? = nil
        ) {
            self.name = name
            self.type = type
            self.property = property
            self.annotatedBy = annotatedBy
            self.sampleCount = sampleCount
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case name
            case type
            case property
            case annotatedBy = "annotated_by"
            case sampleCount = "sample_count"
        }

        public static var honouredFields: Set<String> { Set(CodingKeys.allCases.map(\.stringValue)) }
    }

    /// `GET …/data-annotations/labels`.
    public struct LabelList: Codable, Sendable {
        public var labels: [Label]
        public var totalNumber: Int

        public init(labels: [Label], totalNumber: Int) {
            self.labels = labels
            self.totalNumber = totalNumber
        }

        enum CodingKeys: String, CodingKey {
            case labels
            case totalNumber = "total_number"
        }
    }

    /// `POST …/data-annotations/labels`.
    public struct CreateLabels: Codable, Sendable, ExactRequest {
        public var labels: [Label]?

        public static var honouredFields: Set<String> { ["labels"] }
        public static var memberRequests: [String: any ExactRequest.Type] { ["labels": Label.self] }

        public init(labels: [Label]?) {
            self.labels = labels
        }
    }

    /// The answer to a label creation: `{"success": true}`.
    public struct BatchResponse: Codable, Sendable {
        public var success: Bool

        public init(success: Bool) {
            self.success = success
        }
    }

    /// Property keys ModelArts gives a meaning to.
    public enum PropertyKey {
        public static let color = "@modelarts:color"
        public static let shape = "@modelarts:shape"
        public static let feature = "@modelarts:feature"
        public static let importOrigin = "@modelarts:import_origin"
        /// A hard example: in a sample's `metadata`, 1 or 0.
        public static let hard = "@modelarts:hard"
        /// In a sample's `metadata`: the reason ids (0 to 30) of a hard example.
        public static let hardReasons = "@modelarts:hard_reasons"
        /// In a sample's `metadata`: a hard example's difficulty, in [0, 1].
        public static let hardCoefficient = "@modelarts:hard_coefficient"
    }
}
