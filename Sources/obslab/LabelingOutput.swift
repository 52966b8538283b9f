import ArgumentParser
import Foundation
import LabelFormats
import ObslabAPI

/// The dataset types obslab has, as the command line names them, with their ModelArts codes.
enum DatasetTypeArgument: String, ExpressibleByArgument, CaseIterable {
    case imageClassification = "image-classification"
    case objectDetection = "object-detection"
    case textClassification = "text-classification"
    case soundClassification = "sound-classification"

    /// The ModelArts `dataset_type`.
    var code: Int {
        switch self {
        case .imageClassification: 0
        case .objectDetection: 1
        case .textClassification: 100
        case .soundClassification: 200
        }
    }

    /// `object-detection`, or the bare code for a type obslab does not know.
    static func name(code: Int) -> String {
        allCases.first { $0.code == code }?.rawValue ?? "type \(code)"
    }
}

/// How the labeling commands print: tables, paths and ModelArts values in a reader's terms.
enum LabelingOutput {
    /// Left-aligned columns two spaces apart.
    static func printTable(header: [String], rows: [[String]]) {
        let table = [header] + rows
        let widths = header.indices.map { column in table.map { $0[column].count }.max() ?? 0 }
        for row in table {
            let cells = row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }
            print(cells.joined(separator: "  "))
        }
    }

    /// `obs://bucket/prefix/` from ModelArts's `/bucket/prefix/`.
    static func obsURL(_ path: String) -> String {
        path.hasPrefix("/") ? "obs:/" + path : path
    }

    static func date(milliseconds: Int64) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }

    /// `12` rather than `12.0`.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// `[[10,20],[110,220]]`.
    static func feature(_ value: JSONValue) -> String {
        guard let rows = value.numberRows else { return "\(value)" }
        return "[" + rows.map { "[" + $0.map(number).joined(separator: ",") + "]" }.joined(separator: ",") + "]"
    }

    static func color(of label: ModelArtsAPI.Label) -> String? {
        label.property?[ModelArtsAPI.PropertyKey.color]?.stringValue
    }

    /// The key of a sample within its bucket, with `:line` for a sample that is one line of a text file.
    static func key(of sample: ModelArtsAPI.Sample) -> String {
        var key = sample.source
        if key.hasPrefix("obs://"), let slash = key.dropFirst("obs://".count).firstIndex(of: "/") {
            key = String(key[key.index(after: slash)...])
        }
        return sample.line.map { "\(key):\($0)" } ?? key
    }

    /// `cat`, or `cat[bndbox]` for a label with a shape.
    static func labelSummary(_ label: ModelArtsAPI.Label) -> String {
        let name = label.name ?? "?"
        guard let shape = label.property?[ModelArtsAPI.PropertyKey.shape]?.stringValue else { return name }
        return "\(name)[\(shape)]"
    }

    /// `sidecar_unreadable (KMS.AccessDeniedException)`, `sidecar_malformed at line 3`,
    /// `access_denied (AccessDenied): denied by bucket policy statement "X"`.
    static func reasonSummary(_ reason: ModelArtsAPI.UnlabeledReason) -> String {
        var summary = reason.code
        if let code = reason.storageErrorCode { summary += " (\(code))" }
        if let position = reason.position { summary += " at \(position)" }
        if let deniedBy = reason.deniedBy { summary += ": \(deniedBy)" }
        return summary
    }

    /// `labeled` or `unlabeled`, from a `sample_status`.
    static func state(_ status: String) -> String {
        switch status {
        case ModelArtsAPI.SampleState.labeled: "labeled"
        case ModelArtsAPI.SampleState.unlabeled: "unlabeled"
        default: status
        }
    }

    static func printDetails(_ dataset: ModelArtsAPI.Dataset) {
        print("id: \(dataset.datasetId)")
        print("name: \(dataset.datasetName)")
        print("type: \(DatasetTypeArgument.name(code: dataset.datasetType)) (\(dataset.datasetType))")
        for source in dataset.dataSources {
            print("input: \(obsURL(source.dataPath ?? "-"))")
        }
        print("output: \(obsURL(dataset.workPath))")
        if !dataset.description.isEmpty { print("description: \(dataset.description)") }
        print("created: \(date(milliseconds: dataset.createTime))")
        let unlabeled = dataset.totalSampleCount - dataset.annotatedSampleCount
        print("samples: \(dataset.totalSampleCount) (labeled \(dataset.annotatedSampleCount), unlabeled \(unlabeled))")
        print("labeling jobs: \(dataset.labelTaskCount)")
        if dataset.status == 5 { print("status: synchronizing") }
        let labels = (dataset.labels ?? []).map { label in
            color(of: label).map { "\(label.name ?? "?") \($0)" } ?? (label.name ?? "?")
        }
        print("labels: \(labels.isEmpty ? "none" : labels.joined(separator: ", "))")
    }
}
