import Foundation

/// One line of a text classification file: a sample of its own, with its labels.
public struct TextSample: Sendable, Hashable, Codable {
    /// The 1-based line of the text in its file.
    public var line: Int
    public var text: String
    public var annotations: [Annotation]

    public init(line: Int, text: String, annotations: [Annotation] = []) {
        self.line = line
        self.text = text
        self.annotations = annotations
    }
}

/// What a text classification file holds, and what was left out of it and why.
public struct ParsedText: Sendable, Hashable, Codable {
    public var samples: [TextSample]
    public var skipped: [ParseIssue]

    public init(samples: [TextSample], skipped: [ParseIssue] = []) {
        self.samples = samples
        self.skipped = skipped
    }
}

/// The two text classification forms: `X.txt` + `X_result.txt` matched line by line ("ModelArts text classification
/// 1.0"), and one file of `text<separator>label,label` lines ("ModelArts text classification combine 1.0").
///
/// Every non-blank text line is a sample; blank lines are skipped (with an issue) but still count, so line N of the
/// text always goes with line N of the result file. Files are UTF-8, or GBK as ModelArts also accepts; writing gives UTF-8.
public struct TextClassification: Sendable, Hashable {
    /// Between the text and its labels in the one-file form.
    public var separator: String
    /// Between several labels on one line, in both forms.
    public var labelSeparator: String

    public init(separator: String = "\t", labelSeparator: String = ",") {
        self.separator = separator
        self.labelSeparator = labelSeparator
    }

    /// The pair form: line N of `result` holds the labels of line N of `text`; an empty result line leaves the text unlabeled.
    public func parsePair(text: some DataProtocol, result: some DataProtocol) throws(FormatError) -> ParsedText {
        let texts = TextLines.split(try TextLines.decode(text, allowingGBK: true))
        let results: [Substring]
        do {
            results = TextLines.split(try TextLines.decode(result, allowingGBK: true))
        } catch {
            throw FormatError(error.code, position: "result file, " + error.issue.position, reason: error.issue.reason)
        }
        var skipped: [ParseIssue] = []
        var samples: [TextSample] = []
        for (index, line) in texts.enumerated() {
            let labels = index < results.count ? results[index] : ""
            guard !TextLines.trim(line).isEmpty else {
                if !TextLines.trim(labels).isEmpty {
                    skipped.append(.line(index + 1, "blank text line with labels '\(TextLines.trim(labels))'; skipped"))
                }
                continue
            }
            samples.append(TextSample(line: index + 1, text: String(line), annotations: self.labels(labels, line: index + 1, skipped: &skipped)))
        }
        for index in texts.count..<max(texts.count, results.count) where !TextLines.trim(results[index]).isEmpty {
            skipped.append(ParseIssue(position: "result file, line \(index + 1)", reason: "labels without a text line; skipped"))
        }
        return ParsedText(samples: samples, skipped: skipped)
    }

    /// The one-file form: the labels follow the last separator of the line; a line without one is unlabeled text.
    public func parseCombined(_ bytes: some DataProtocol) throws(FormatError) -> ParsedText {
        let lines = TextLines.split(try TextLines.decode(bytes, allowingGBK: true))
        var skipped: [ParseIssue] = []
        var samples: [TextSample] = []
        for (index, line) in lines.enumerated() where !TextLines.trim(line).isEmpty {
            guard !self.separator.isEmpty, let range = line.range(of: self.separator, options: .backwards) else {
                skipped.append(.line(index + 1, "no separator \(self.separatorName) between text and labels; the line is unlabeled"))
                samples.append(TextSample(line: index + 1, text: String(line)))
                continue
            }
            let text = line[..<range.lowerBound]
            guard !TextLines.trim(text).isEmpty else {
                skipped.append(.line(index + 1, "labels without text; skipped"))
                continue
            }
            let annotations = self.labels(line[range.upperBound...], line: index + 1, skipped: &skipped)
            samples.append(TextSample(line: index + 1, text: String(text), annotations: annotations))
        }
        return ParsedText(samples: samples, skipped: skipped)
    }

    /// Both files of the pair form, one sample per line in the order given (their `line` is not used).
    public func writePair(_ samples: [TextSample]) throws(FormatError) -> (text: Data, result: Data) {
        var text = ""
        var result = ""
        for (index, sample) in samples.enumerated() {
            try self.checkText(sample.text, index: index)
            text += sample.text + "\n"
            result += try self.labelLine(sample.annotations, index: index) + "\n"
        }
        return (Data(text.utf8), Data(result.utf8))
    }

    /// The one-file form, one sample per line; an unlabeled sample still gets its separator.
    public func writeCombined(_ samples: [TextSample]) throws(FormatError) -> Data {
        var text = ""
        for (index, sample) in samples.enumerated() {
            try self.checkText(sample.text, index: index)
            text += sample.text + self.separator + (try self.labelLine(sample.annotations, index: index)) + "\n"
        }
        return Data(text.utf8)
    }

    private func labels(_ line: Substring, line number: Int, skipped: inout [ParseIssue]) -> [Annotation] {
        var annotations: [Annotation] = []
        var seen: Set<String> = []
        let pieces = self.labelSeparator.isEmpty ? [String(line)] : line.components(separatedBy: self.labelSeparator)
        for piece in pieces {
            let name = TextLines.trim(piece)
            guard !name.isEmpty else { continue }
            guard seen.insert(name).inserted else {
                skipped.append(.line(number, "duplicate label '\(name)'; skipped"))
                continue
            }
            annotations.append(Annotation(name: name))
        }
        return annotations
    }

    private func labelLine(_ annotations: [Annotation], index: Int) throws(FormatError) -> String {
        var names: [String] = []
        for annotation in annotations where !names.contains(annotation.name) {
            let position = "sample[\(index + 1)]"
            try TextLines.checkWritable(annotation.name, what: "label name", position: position)
            for forbidden in [self.labelSeparator, self.separator] where !forbidden.isEmpty && annotation.name.contains(forbidden) {
                throw FormatError(.notRepresentable, position: position, reason: "label name '\(annotation.name)' contains a separator")
            }
            names.append(annotation.name)
        }
        return names.joined(separator: self.labelSeparator)
    }

    private func checkText(_ text: String, index: Int) throws(FormatError) {
        let position = "sample[\(index + 1)]"
        guard !TextLines.trim(text).isEmpty else {
            throw FormatError(.notRepresentable, position: position, reason: "the text is blank")
        }
        if let bad = text.unicodeScalars.first(where: { $0 == "\n" || $0 == "\r" }) {
            throw FormatError(.notRepresentable, position: position, reason: "the text contains a line break (U+\(String(bad.value, radix: 16)))")
        }
    }

    private var separatorName: String {
        self.separator == "\t" ? "(tab)" : "'\(self.separator)'"
    }
}
