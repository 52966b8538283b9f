/// The labeling types obslab emulates, with the ModelArts codes and the files each one samples.
public enum DatasetKind: String, Sendable, Hashable, Codable, CaseIterable {
    case imageClassification = "image_classification"
    case objectDetection = "object_detection"
    case textClassification = "text_classification"
    case soundClassification = "sound_classification"

    /// The ModelArts label type (and `dataset_type`): 0, 1, 100 or 200.
    public var labelType: Int {
        switch self {
        case .imageClassification: 0
        case .objectDetection: 1
        case .textClassification: 100
        case .soundClassification: 200
        }
    }

    /// The ModelArts `sample_type`: 0 image, 1 text, 2 audio.
    public var sampleType: Int {
        switch self {
        case .imageClassification, .objectDetection: 0
        case .textClassification: 1
        case .soundClassification: 2
        }
    }

    /// The `type` of this kind's annotations in a manifest, such as `modelarts/image_classification`.
    public var manifestType: String {
        switch self {
        case .imageClassification: "modelarts/image_classification"
        case .objectDetection: "modelarts/object_detection"
        case .textClassification: "modelarts/text_classification"
        case .soundClassification: "modelarts/audio_classification"
        }
    }

    /// Lower-case extensions (without the dot) of the files that become samples.
    public var rawFileExtensions: Set<String> {
        switch self {
        case .imageClassification, .objectDetection: ["jpg", "jpeg", "png", "bmp", "gif"]
        case .textClassification: ["txt", "csv"]
        case .soundClassification: ["wav", "mp3", "flac", "aac", "m4a", "ogg"]
        }
    }

    public init?(labelType: Int) {
        guard let kind = Self.allCases.first(where: { $0.labelType == labelType }) else { return nil }
        self = kind
    }

    /// Accepts `modelarts/image_classification` as well as the bare `image_classification`.
    public init?(manifestType: String) {
        let bare = manifestType.hasPrefix("modelarts/") ? String(manifestType.dropFirst("modelarts/".count)) : manifestType
        guard let kind = Self.allCases.first(where: { $0.manifestType == "modelarts/" + bare }) else { return nil }
        self = kind
    }
}
