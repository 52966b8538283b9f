import LabelFormats
import Labeling
import ObslabAPI

/// A sample's `metadata` in a label update: its hard-example state, the one part of it a user sets.
extension LabelingEndpoints {
    /// `metadata` without the members a label update may only repeat, so that a sample read with GET can be sent back
    /// with PUT: `@modelarts:import_origin` (its import decided it) and the sample attributes auto grouping wrote. Each
    /// must equal the sample's own value; a 400 names one that differs. An unknown sample is left to fail alone.
    func settableMetadata(
        _ metadata: [String: JSONValue], of sampleId: String, datasetId: String, field: String
    ) async throws
        -> [String: JSONValue]
    {
        let keys = ModelArtsAPI.PropertyKey.self
        let readOnly = metadata.keys.filter { $0 == keys.importOrigin || !$0.hasPrefix("@modelarts:") }
        guard !readOnly.isEmpty else { return metadata }
        let sample: Sample
        do {
            sample = try await service.sample(datasetId: datasetId, jobId: nil, sampleId: sampleId)
        } catch let error as LabelingError where error.code == .sampleNotFound {
            return metadata.filter { !readOnly.contains($0.key) }
        }
        let current = ModelArtsAPI.Sample.metadata(sample)
        for key in readOnly.sorted() {
            let given = metadata[key]
            guard given == current[key] || (key != keys.importOrigin && given == .null && current[key] == nil) else {
                let now = current[key].map { "is \($0.propertyString) for this sample" } ?? "is not set on this sample"
                let why = key == keys.importOrigin ? "its import decides it" : "it is a sample attribute only auto grouping writes"
                throw ModelArtsError.invalidParameter("\(field).\(key)", "\(now) and a label update cannot change it: \(why)")
            }
        }
        return metadata.filter { !readOnly.contains($0.key) }
    }

    /// The hard-example state `metadata` gives, nil when it names none. `@modelarts:hard` is 0/1 (or `"true"`/`"false"`),
    /// `@modelarts:hard_reasons` a list of reason ids (or ModelArts's `"3-20-21"`), `@modelarts:hard_coefficient` a
    /// number in [0, 1]; reasons and coefficient need `@modelarts:hard`. `@modelarts:import_origin` may only repeat 0 (OBS:
    /// the origin of added files); any other member is a 400 naming it.
    static func hardExample(_ metadata: [String: JSONValue], field: String) throws -> HardExample? {
        let keys = ModelArtsAPI.PropertyKey.self
        for key in metadata.keys.sorted() where ![keys.hard, keys.hardReasons, keys.hardCoefficient, keys.importOrigin].contains(key) {
            throw ModelArtsError.invalidParameter("\(field).\(key)", "is not sample metadata obslab sets (it sets the hard-example members)")
        }
        if let origin = metadata[keys.importOrigin], origin != .number(0) {
            throw ModelArtsError.invalidParameter("\(field).\(keys.importOrigin)", "is 0 (OBS) for every obslab sample and cannot change")
        }
        let reasons = try metadata[keys.hardReasons].map { try Self.hardReasons($0, field: "\(field).\(keys.hardReasons)") }
        let coefficient = try metadata[keys.hardCoefficient].map { value in
            guard let number = Self.number(value) else {
                throw ModelArtsError.invalidParameter("\(field).\(keys.hardCoefficient)", "must be a number between 0 and 1")
            }
            return number
        }
        guard let flag = metadata[keys.hard] else {
            if reasons != nil || coefficient != nil {
                throw ModelArtsError.invalidParameter("\(field).\(keys.hard)", "is missing: hard-example reasons and coefficient go with it")
            }
            return nil
        }
        let isHard = try Self.hardFlag(flag, field: "\(field).\(keys.hard)")
        do {
            return try HardExample(isHard: isHard, reasons: reasons ?? [], coefficient: coefficient)
        } catch let error as LabelingError {
            throw ModelArtsError.invalidParameter(field, error.message)
        }
    }

    /// `@modelarts:hard`: 1, 0, `"1"`, `"0"`, `"true"`, `"false"` or a boolean.
    static func hardFlag(_ value: JSONValue, field: String) throws -> Bool {
        switch value.propertyString.lowercased() {
        case "1", "1.0", "true": return true
        case "0", "0.0", "false": return false
        default: throw ModelArtsError.invalidParameter(field, "must be 0 or 1, not \(value.propertyString)")
        }
    }

    private static func hardReasons(_ value: JSONValue, field: String) throws -> [Int] {
        let items: [JSONValue]
        switch value {
        case .array(let array): items = array
        case .string(let text): items = text.split(separator: "-").map { .string(String($0)) }
        default: throw ModelArtsError.invalidParameter(field, "must be a list of reason ids such as [3, 20]")
        }
        return try items.map { item in
            guard let number = Self.number(item), let id = Int(exactly: number) else {
                throw ModelArtsError.invalidParameter(field, "must be a list of reason ids such as [3, 20], not \(item.propertyString)")
            }
            return id
        }
    }

    private static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .number(let number): number
        case .string(let text): Double(text)
        default: nil
        }
    }
}
