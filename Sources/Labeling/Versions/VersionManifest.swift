import Foundation
import LabelFormats

/// The files a published version writes: its manifest, and for object detection one PASCAL VOC file per labeled
/// image under `annotation/`, which the manifest points to with `annotation-loc` (the layout of ModelArts's
/// "Publishing a Data Version"). An export to OBS writes the same files into its folder, or the PASCAL VOC files alone.
struct VersionManifest {
    /// A file to write, by key in the output bucket.
    struct File {
        var key: String
        var bytes: [UInt8]
        var contentType: String
    }

    let kind: DatasetKind
    let inputPrefix: String
    let outputBucket: String
    /// The version's folder, ending with `/`: `<output prefix><dataset name>-<dataset id>/annotation/<version>/`.
    let folder: String
    let versionName: String
    /// Whether the samples' hard-example flags go into the manifest (`clear_hard_property: false`).
    let keepsHardExamples: Bool
    /// The share of labeled samples whose `usage` is `TRAIN`; the others are `EVAL` (`train_evaluate_sample_ratio`).
    var trainingShare: Double = 1
    /// How the manifest writes OBS locations: `obs://`, or `s3://` for the training code that reads only that.
    var sourceScheme = "obs://"
    /// Where under `folder` the PASCAL VOC files go.
    var annotationFolder = "annotation/"

    var manifestKey: String { folder + versionName + ".manifest" }

    /// The labeled samples set aside for evaluation: `1 - trainingShare` of them, rounded, chosen by a hash of their
    /// ids, so that a split looks random and the same samples give the same split at every publication.
    func evaluationSamples(of samples: [SampleEntry]) -> Set<String> {
        let labeled = samples.filter { !$0.annotations.isEmpty }.map(\.id)
        let trainingCount = Int((trainingShare * Double(labeled.count)).rounded())
        let shuffled = labeled.sorted { (Self.fnv1a($0), $0) < (Self.fnv1a($1), $1) }
        return Set(shuffled.dropFirst(trainingCount))
    }

    /// 64-bit FNV-1a: a hash that, unlike Swift's `hashValue`, is the same in every process.
    static func fnv1a(_ text: String) -> UInt64 {
        text.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }

    /// The manifest last, so that a reader who finds it finds every file it names.
    func files(for samples: [SampleEntry]) throws -> [File] {
        var files: [File] = []
        var entries: [ManifestEntry] = []
        entries.reserveCapacity(samples.count)
        let evaluation = evaluationSamples(of: samples)
        for sample in samples {
            var entry = ManifestEntry(source: source(of: sample))
            entry.id = sample.id
            // A sample from inference stays one when the manifest is imported again.
            entry.inferenceLoc = sample.inferenceLoc
            if keepsHardExamples {
                entry.hard = sample.hard
                entry.hardCoefficient = sample.hardCoefficient
            }
            if !sample.annotations.isEmpty {
                entry.usage = evaluation.contains(sample.id) ? "EVAL" : "TRAIN"
                let creationTime = sample.labeledAt.map(Self.creationTime)
                if kind == .objectDetection {
                    let file = try annotationFile(for: sample)
                    files.append(file)
                    entry.annotations = [
                        ManifestAnnotation(
                            type: kind.manifestType,
                            annotatedBy: "human",
                            creationTime: creationTime,
                            annotationLoc: "\(sourceScheme)\(outputBucket)/\(file.key)",
                            annotationFormat: "PASCAL VOC"
                        )
                    ]
                } else {
                    entry.annotations = sample.annotations.map { ManifestAnnotation($0, kind: kind, creationTime: creationTime) }
                }
            }
            entries.append(entry)
        }
        do {
            files.append(File(key: manifestKey, bytes: Array(try Manifest.write(entries)), contentType: "application/json"))
        } catch {
            throw LabelingError.internalError("The manifest of \(versionName) cannot be written: \(error)")
        }
        return files
    }

    /// One PASCAL VOC file a labeled sample, and no manifest: an export in PASCAL VOC.
    func pascalVOCFiles(for samples: [SampleEntry]) throws -> [File] {
        try samples.filter { !$0.annotations.isEmpty }.map(annotationFile)
    }

    /// A text sample is its line (`content://`), as in ModelArts text manifests; any other sample its object.
    private func source(of sample: SampleEntry) -> String {
        if kind == .textClassification, let text = sample.text { return "content://" + text }
        return "\(sourceScheme)\(sample.bucket)/\(sample.key)"
    }

    /// `<annotation folder><path under the input prefix, extension swapped for .xml>`: unique because keys are.
    private func annotationFile(for sample: SampleEntry) throws -> File {
        let relative = sample.key.hasPrefix(inputPrefix) ? String(sample.key.dropFirst(inputPrefix.count)) : sample.key
        let name = relative.split(separator: "/").last.map(String.init) ?? relative
        let stem = name.lastIndex(of: ".").map { String(name[..<$0]) } ?? name
        let folderPart = relative.dropLast(name.count)
        do {
            let xml = try PascalVOC.write(sample.annotations, filename: name)
            return File(key: folder + annotationFolder + folderPart + stem + ".xml", bytes: Array(xml), contentType: "application/xml")
        } catch {
            throw LabelingError.internalError("The labels of sample \(sample.id) (\(sample.key)) cannot be written as PASCAL VOC: \(error)")
        }
    }

    /// ModelArts's `creation-time`: `2019-02-20 08:23:06`, UTC.
    private static func creationTime(_ date: Date) -> String {
        let hour = Date.FormatStyle.Symbol.VerbatimHour.twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)
        return date.formatted(
            Date.VerbatimFormatStyle(
                format: "\(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits) \(hour: hour):\(minute: .twoDigits):\(second: .twoDigits)",
                timeZone: .gmt,
                calendar: Calendar(identifier: .gregorian)
            )
        )
    }
}
