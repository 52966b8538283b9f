import LabelFormats

extension ModelArtsAPI {
    /// `GET …/data-annotations/stats` ("Obtaining Dataset Statistics").
    public struct DatasetStatistics: Codable, Sendable {
        public var dataPath: String
        /// Whether the labeled samples can be split into a training and a validation set (obslab: at least 2 labeled).
        public var dataSplitingEnable: Bool
        /// The label statistics by label type code (`"0"`, `"1"`, `"100"`, `"200"`).
        public var groupedLabelStats: [String: [LabelStats]]
        /// By hard-example reason id: how many hard examples give it (`key`) and the reason (`value`).
        public var hardDetailStats: [String: HardDetailCount]
        /// `total`, `key_sample` (hard examples), `non_key_sample`.
        public var keySampleStats: [String: Int]
        public var labelStats: [LabelStats]
        public var metadataStats: [String: JSONValue]
        /// `all`, `total`, `lefted` (samples now), `un_annotation`, `manual_annotation`, `auto_annotation`, `deleted`.
        public var sampleStats: [String: Int]

        public init(
            dataPath: String,
            dataSplitingEnable: Bool,
            groupedLabelStats: [String: [LabelStats]],
            hardDetailStats: [String: HardDetailCount],
            keySampleStats: [String: Int],
            labelStats: [LabelStats],
            metadataStats: [String: JSONValue],
            sampleStats: [String: Int]
        ) {
            self.dataPath = dataPath
            self.dataSplitingEnable = dataSplitingEnable
            self.groupedLabelStats = groupedLabelStats
            self.hardDetailStats = hardDetailStats
            self.keySampleStats = keySampleStats
            self.labelStats = labelStats
            self.metadataStats = metadataStats
            self.sampleStats = sampleStats
        }

        enum CodingKeys: String, CodingKey {
            case dataPath = "data_path"
            case dataSplitingEnable = "data_spliting_enable"
            case groupedLabelStats = "grouped_label_stats"
            case hardDetailStats = "hard_detail_stats"
            case keySampleStats = "key_sample_stats"
            case labelStats = "label_stats"
            case metadataStats = "metadata_stats"
            case sampleStats = "sample_stats"
        }
    }

    /// The reference's `PairOfintAndHardDetail`.
    public struct HardDetailCount: Codable, Sendable {
        public var key: Int
        public var value: HardDetail

        public init(key: Int, value: HardDetail) {
            self.key = key
            self.value = value
        }
    }

    /// A hard-example reason: its id and the reference's description of it.
    public struct HardDetail: Codable, Sendable {
        public var id: Int
        public var reason: String

        public init(id: Int, reason: String) {
            self.id = id
            self.reason = reason
        }

        /// The reference's hard-example reasons, by id ("Obtaining Details About a Sample", `@modelarts:hard_reasons`).
        public static let reasons: [Int: String] = [
            0: "No object is identified.",
            1: "The confidence is low.",
            2: "The clustering result based on the training dataset is inconsistent with the prediction result.",
            3: "The prediction result is greatly different from the data of the same type in the training dataset.",
            4: "The prediction results of multiple consecutive similar images are inconsistent.",
            5: "There is a large offset between the image resolution and the feature distribution of the training dataset.",
            6: "There is a large offset between the aspect ratio of the image and the feature distribution of the training dataset.",
            7: "There is a large offset between the brightness of the image and the feature distribution of the training dataset.",
            8: "There is a large offset between the saturation of the image and the feature distribution of the training dataset.",
            9: "There is a large offset between the color richness of the image and the feature distribution of the training dataset.",
            10: "There is a large offset between the definition of the image and the feature distribution of the training dataset.",
            11: "There is a large offset between the number of frames of the image and the feature distribution of the training dataset.",
            12: "There is a large offset between the standard deviation of area of image frames and the feature distribution of the "
                + "training dataset.",
            13: "There is a large offset between the aspect ratio of image frames and the feature distribution of the training dataset.",
            14: "There is a large offset between the area portion of image frames and the feature distribution of the training dataset.",
            15: "There is a large offset between the edge of image frames and the feature distribution of the training dataset.",
            16: "There is a large offset between the brightness of image frames and the feature distribution of the training dataset.",
            17: "There is a large offset between the definition of image frames and the feature distribution of the training dataset.",
            18: "There is a large offset between the stack of image frames and the feature distribution of the training dataset.",
            19: "The data augmentation result based on GaussianBlur is inconsistent with the prediction result of the original image.",
            20: "The data augmentation result based on fliplr is inconsistent with the prediction result of the original image.",
            21: "The data augmentation result based on Crop is inconsistent with the prediction result of the original image.",
            22: "The data augmentation result based on flipud is inconsistent with the prediction result of the original image.",
            23: "The data augmentation result based on scale is inconsistent with the prediction result of the original image.",
            24: "The data augmentation result based on translate is inconsistent with the prediction result of the original image.",
            25: "The data augmentation result based on shear is inconsistent with the prediction result of the original image.",
            26: "The data augmentation result based on superpixels is inconsistent with the prediction result of the original image.",
            27: "The data augmentation result based on sharpen is inconsistent with the prediction result of the original image.",
            28: "The data augmentation result based on add is inconsistent with the prediction result of the original image.",
            29: "The data augmentation result based on invert is inconsistent with the prediction result of the original image.",
            30: "The data is predicted to be abnormal.",
        ]
    }
}
