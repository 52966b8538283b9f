extension ModelArtsAPI {
    /// One element of `search_conditions` (ModelArts `SearchCondition`), as a client writes it: the list's conditions
    /// and the members of each are all met (AND). obslab answers the filters the console has and it has data for;
    /// the other members are refused by name.
    public struct SearchCondition: Codable, Sendable, Equatable {
        /// "Label".
        public var labelList: SearchLabels?
        /// "File Name or Path": part of the object key.
        public var sampleName: String?
        /// A folder, `obs://bucket/folder/`: the samples directly in it.
        public var sampleDir: String?
        /// "Labeled By".
        public var labeler: String?
        /// "Example Type": `1` hard, `0` not hard.
        public var hard: String?
        /// "Sample Attribute": the attributes auto grouping wrote.
        public var metadata: SearchProp?
        /// "Data Attribute": `all`, `inference` or `obs`.
        public var importOrigin: String?
        /// "Sample Creation Time": `day`, `month` or `yyyyMMdd-yyyyMMdd`.
        public var sampleTime: String?

        public init(
            labelList: SearchLabels? = nil,
            sampleName: String? = nil,
            sampleDir: String? = nil,
            labeler: String? = nil,
            hard: String? = nil,
            metadata: SearchProp? = nil,
            importOrigin: String? = nil,
            sampleTime: String? = nil
        ) {
            self.labelList = labelList
            self.sampleName = sampleName
            self.sampleDir = sampleDir
            self.labeler = labeler
            self.hard = hard
            self.metadata = metadata
            self.importOrigin = importOrigin
            self.sampleTime = sampleTime
        }

        enum CodingKeys: String, CodingKey {
            case labelList = "label_list"
            case sampleName = "sample_name"
            case sampleDir = "sample_dir"
            case labeler
            case hard
            case metadata
            case importOrigin = "import_origin"
            case sampleTime = "sample_time"
        }
    }

    /// ModelArts `SearchProp`: attribute names to the values to match; `op` `AND` (every attribute) or `OR` (one).
    public struct SearchProp: Codable, Sendable, Equatable {
        public var op: String?
        public var props: [String: [String]]

        public init(op: String? = nil, props: [String: [String]]) {
            self.op = op
            self.props = props
        }
    }

    /// ModelArts `SearchLabels`: `op` `OR` (any of the labels, the default), `AND` (all of them), or obslab's `NONE`
    /// (none of them). No labels: with `NONE`, the samples without labels; otherwise the samples with any label.
    public struct SearchLabels: Codable, Sendable, Equatable {
        public var labels: [SearchLabel]?
        public var op: String?

        public init(labels: [SearchLabel]?, op: String? = nil) {
            self.labels = labels
            self.op = op
        }
    }

    public struct SearchLabel: Codable, Sendable, Equatable {
        public var name: String?
        public var type: Int?

        public init(name: String?, type: Int? = nil) {
            self.name = name
            self.type = type
        }
    }

    /// `GET …/data-annotations/search-condition`: what the filters can choose from.
    public struct SearchConditionValues: Codable, Sendable {
        public var labels: [Label]
        /// The authors of the samples' last label changes ("Labeled By").
        public var labelers: [String]
        public var metadata: [String: [String]]

        public init(labels: [Label], labelers: [String], metadata: [String: [String]] = [:]) {
            self.labels = labels
            self.labelers = labelers
            self.metadata = metadata
        }
    }
}
