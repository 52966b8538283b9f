import LabelFormats

extension DatasetSync {
    /// A raw object's samples, and whether a label file was read to get them.
    struct Evaluated: Sendable {
        var outcome: SampleOutcome
        var readSidecar: Bool
    }

    /// Reads the label files of `items`, a few at a time, in order.
    func evaluate(_ items: [Item]) async -> [Evaluated] {
        await withTaskGroup(of: (Int, Evaluated).self) { group in
            var results = [Evaluated?](repeating: nil, count: items.count)
            var next = 0
            while next < min(items.count, Self.concurrentReads) {
                let index = next
                group.addTask { (index, await self.evaluate(items[index])) }
                next += 1
            }
            while let (index, evaluated) = await group.next() {
                results[index] = evaluated
                if next < items.count {
                    let index = next
                    group.addTask { (index, await self.evaluate(items[index])) }
                    next += 1
                }
            }
            return results.compactMap { $0 }
        }
    }

    private func evaluate(_ item: Item) async -> Evaluated {
        kind == .textClassification ? await evaluateText(item) : await evaluateObject(item)
    }

    /// An image or a sound: one sample, labeled by its sidecar or its folder.
    private func evaluateObject(_ item: Item) async -> Evaluated {
        let content: SampleContent
        if let sidecar = item.sidecar {
            content = await labels(from: sidecar)
        } else if let folder = item.paired.folderLabel {
            content = .labeled([Annotation(name: folder)], source: .folder(name: folder))
        } else if let other = item.otherTypeSidecar {
            let otherKind = kind == .objectDetection ? DatasetKind.imageClassification : .objectDetection
            content = .unlabeled(
                UnlabeledReason(
                    code: .labelsOfAnotherType,
                    message: "\(other.key) holds \(otherKind.rawValue) labels; this is a \(kind.rawValue) dataset",
                    sidecarKey: other.key
                )
            )
        } else {
            content = .unlabeled(UnlabeledReason(code: .noSidecar, message: noSidecarMessage(item.raw.key)))
        }
        return Evaluated(outcome: SampleOutcome(raw: item.raw, contents: [content], evidence: item.evidence), readSidecar: item.sidecar != nil)
    }

    private func labels(from sidecar: StoredObject) async -> SampleContent {
        let bytes: [UInt8]
        do {
            bytes = try await storage.readObject(bucket: dataset.inputBucket, key: sidecar.key, maxBytes: Self.maxSidecarBytes)
        } catch {
            return .unlabeled(unreadable(sidecar.key, error))
        }
        let parsed: ParsedLabels
        do {
            parsed = try parseSidecar(bytes)
        } catch {
            return .unlabeled(Self.malformed(sidecar.key, error.issue))
        }
        guard !parsed.annotations.isEmpty else {
            let issue = parsed.skipped.first ?? ParseIssue(position: "file", reason: "the label file holds no labels")
            return .unlabeled(Self.malformed(sidecar.key, issue))
        }
        return .labeled(parsed.annotations, source: .sidecar(key: sidecar.key, etag: sidecar.etag))
    }

    private func parseSidecar(_ bytes: [UInt8]) throws(FormatError) -> ParsedLabels {
        kind == .objectDetection ? try PascalVOC.parse(bytes) : try ImageClassificationSidecar.parse(bytes)
    }

    /// A text file: one sample per line, labeled by `X_result.txt` line by line, or by the file itself in the one-file form.
    private func evaluateText(_ item: Item) async -> Evaluated {
        let rawKey = item.raw.key
        func whole(_ reason: UnlabeledReason, readSidecar: Bool) -> Evaluated {
            Evaluated(outcome: SampleOutcome(raw: item.raw, contents: [.unlabeled(reason)], evidence: item.evidence), readSidecar: readSidecar)
        }
        let textBytes: [UInt8]
        do {
            textBytes = try await storage.readObject(bucket: dataset.inputBucket, key: rawKey, maxBytes: Self.maxTextBytes)
        } catch {
            return whole(unreadable(rawKey, error), readSidecar: false)
        }
        let format = TextClassification()
        var lineReason: UnlabeledReason?
        let parsed: ParsedText
        let source: LabelSource
        let labelFile: String
        if let sidecar = item.sidecar {
            labelFile = sidecar.key
            source = .sidecar(key: sidecar.key, etag: sidecar.etag)
            var resultBytes: [UInt8] = []
            do {
                resultBytes = try await storage.readObject(bucket: dataset.inputBucket, key: sidecar.key, maxBytes: Self.maxSidecarBytes)
            } catch {
                // The lines are known, their labels are not.
                lineReason = unreadable(sidecar.key, error)
            }
            do {
                parsed = try format.parsePair(text: textBytes, result: resultBytes)
            } catch {
                let inResult = error.issue.position.hasPrefix("result file")
                return whole(Self.malformed(inResult ? sidecar.key : rawKey, error.issue), readSidecar: true)
            }
        } else {
            labelFile = rawKey
            source = .sidecar(key: rawKey, etag: item.raw.etag)
            do {
                parsed = try format.parseCombined(textBytes)
            } catch {
                return whole(Self.malformed(rawKey, error.issue), readSidecar: false)
            }
            if !parsed.samples.contains(where: { !$0.annotations.isEmpty }) {
                // Plain text without labels: nothing is malformed, there is just no label file.
                lineReason = UnlabeledReason(code: .noSidecar, message: noSidecarMessage(rawKey))
            }
        }
        let contents = parsed.samples.map { sample -> SampleContent in
            if !sample.annotations.isEmpty {
                return .labeled(sample.annotations, source: source, line: sample.line, text: sample.text)
            }
            if let lineReason {
                return .unlabeled(lineReason, line: sample.line, text: sample.text)
            }
            let position = "line \(sample.line)"
            let issue = parsed.skipped.first { $0.position == position } ?? ParseIssue(position: position, reason: "no labels for this line")
            return .unlabeled(Self.malformed(labelFile, issue), line: sample.line, text: sample.text)
        }
        return Evaluated(outcome: SampleOutcome(raw: item.raw, contents: contents, evidence: item.evidence), readSidecar: item.sidecar != nil)
    }

    private func noSidecarMessage(_ rawKey: String) -> String {
        let stem = Self.stem(rawKey)
        switch kind {
        case .imageClassification: return "No label file \(stem).txt next to the image, and the image is not in a label folder"
        case .objectDetection: return "No PASCAL VOC file \(stem).xml next to the image"
        case .textClassification: return "No label file \(stem)_result.txt next to the text file, and no labels in the file"
        case .soundClassification: return "The audio file is not in a label folder"
        }
    }

    /// Why a file the storage refused leaves its samples unlabeled: the permission cause when authorization refused
    /// the service (`AccessDenied`), else what the storage answered (a KMS refusal, an SSE-C object…).
    func unreadable(_ key: String, _ error: any Error) -> UnlabeledReason {
        Self.unreadable(key, error, bucket: dataset.inputBucket)
    }

    static func unreadable(_ key: String, _ error: any Error, bucket: String) -> UnlabeledReason {
        let error = StorageError.wrapping(error)
        if let denial = error.denial(of: .read, bucket: bucket, key: key) {
            return UnlabeledReason(
                code: .accessDenied,
                message: denial.description,
                sidecarKey: key,
                storageErrorCode: error.code,
                principal: denial.principal,
                accessDenial: denial
            )
        }
        return UnlabeledReason(
            code: .sidecarUnreadable,
            message: error.message,
            sidecarKey: key,
            storageErrorCode: error.code,
            kmsKeyId: error.kmsKeyId,
            principal: error.principal
        )
    }

    static func malformed(_ key: String, _ issue: ParseIssue) -> UnlabeledReason {
        UnlabeledReason(code: .sidecarMalformed, message: issue.reason, sidecarKey: key, position: issue.position)
    }

    /// `a/10` for `a/10.jpg`.
    static func stem(_ key: String) -> Substring {
        let name = key.lastIndex(of: "/").map { key.index(after: $0) } ?? key.startIndex
        guard let dot = key[name...].lastIndex(of: "."), dot != name else { return Substring(key) }
        return key[..<dot]
    }

    /// Label files of the other image labeling type, by the stem of the image they would label: `.xml` files in an image
    /// classification dataset, `.txt` files in an object detection one.
    static func otherTypeSidecars(_ ignored: [IgnoredKey], objects: [String: StoredObject], kind: DatasetKind) -> [Substring: StoredObject] {
        let otherExtension: String
        switch kind {
        case .imageClassification: otherExtension = "xml"
        case .objectDetection: otherExtension = "txt"
        case .textClassification, .soundClassification: return [:]
        }
        var sidecars: [Substring: StoredObject] = [:]
        for entry in ignored where entry.reason == .notARawFile && entry.key.lowercased().hasSuffix("." + otherExtension) {
            if let object = objects[entry.key] { sidecars[stem(entry.key)] = object }
        }
        return sidecars
    }
}
