import GRDB

extension LabelingCatalog.SampleQuery {
    /// The annotations as the reader sees them.
    var annotations: String { jobId == nil ? "sample.annotations" : "COALESCE(jobSample.annotations, sample.annotations)" }

    /// The author of the last label change as the reader sees it.
    var labeledBy: String { jobId == nil ? "sample.labeledBy" : "COALESCE(jobSample.labeledBy, sample.labeledBy)" }

    /// The `AND …` clauses of the filter conditions, in the order of `conditionArguments`.
    var conditionClauses: String {
        conditions.map { " AND " + clause($0) }.joined()
    }

    var conditionArguments: StatementArguments {
        StatementArguments(conditions.flatMap(arguments).map { $0 as (any DatabaseValueConvertible)? })
    }

    private func clause(_ condition: SampleFilter.Condition) -> String {
        switch condition {
        case .labels(.anyOf(let names)) where names.isEmpty:
            return isLabeled
        case .labels(.noneOf(let names)) where names.isEmpty:
            return "NOT \(isLabeled)"
        case .labels(.anyOf(let names)):
            return jobId == nil ? "sample.id IN (\(labeledSamples(names)))" : "EXISTS (\(labelNames(names)))"
        case .labels(.noneOf(let names)):
            return jobId == nil ? "sample.id NOT IN (\(labeledSamples(names)))" : "NOT EXISTS (\(labelNames(names)))"
        case .labels(.allOf(let names)):
            let distinct = Set(names)
            guard jobId == nil else {
                return """
                    (SELECT COUNT(DISTINCT json_extract(annotation.value, '$.name')) FROM json_each(\(annotations)) AS annotation
                    WHERE json_extract(annotation.value, '$.name') IN (\(placeholders(distinct.count)))) = \(distinct.count)
                    """
            }
            return "sample.id IN (\(labeledSamples(Array(distinct))) GROUP BY sampleId HAVING COUNT(*) = \(distinct.count))"
        case .keyContains:
            return "sample.key LIKE ? ESCAPE '\\'"
        case .folder(_, let prefix):
            // Directly in the folder: the rest of the key after the prefix holds no further `/`. The key range, when
            // there is one, lets the (datasetId, bucket, key, line) index find the folder.
            let range = Self.keyAfterFolder(prefix) == nil ? "" : "sample.key >= ? AND sample.key < ? AND "
            return "sample.bucket = ? AND \(range)substr(sample.key, 1, ?) = ? AND instr(substr(sample.key, ? + 1), '/') = 0"
        case .labeledBy:
            return "\(labeledBy) = ?"
        case .hard(true):
            return "sample.hard = 1"
        case .hard(false):
            return "sample.hard IS NOT 1"
        case .attributes(let match):
            let clauses = match.values.keys.sorted().map { name in
                let values = match.values[name] ?? []
                let valueClause = values.isEmpty ? "" : " AND attribute.value IN (\(placeholders(values.count)))"
                return "EXISTS (SELECT 1 FROM sampleAttribute AS attribute WHERE attribute.sampleId = sample.id AND attribute.name = ?\(valueClause))"
            }
            return clauses.isEmpty ? "1" : "(" + clauses.joined(separator: match.all ? " AND " : " OR ") + ")"
        case .inference(true):
            return "sample.inferenceLoc IS NOT NULL"
        case .inference(false):
            return "sample.inferenceLoc IS NULL"
        case .createdIn:
            return "COALESCE(sample.objectModifiedAt, sample.createdAt) >= ? AND COALESCE(sample.objectModifiedAt, sample.createdAt) < ?"
        }
    }

    private func arguments(_ condition: SampleFilter.Condition) -> [any DatabaseValueConvertible] {
        switch condition {
        case .labels(.anyOf(let names)), .labels(.noneOf(let names)):
            // No name: the labeled flag alone (`clause`).
            return (jobId == nil && !names.isEmpty ? [datasetId] : []) + names
        case .labels(.allOf(let names)):
            return (jobId == nil ? [datasetId] : []) + Array(Set(names))
        case .keyContains(let text):
            return ["%" + Self.escapeLike(text) + "%"]
        case .folder(let bucket, let prefix):
            // SQLite counts the characters of a text in code points.
            let length = prefix.unicodeScalars.count
            let range = Self.keyAfterFolder(prefix).map { [prefix, $0] } ?? []
            return [bucket] + range + [length, prefix, length]
        case .labeledBy(let author):
            return [author]
        case .hard, .inference:
            return []
        case .attributes(let match):
            return match.values.keys.sorted().flatMap { name in [name] + (match.values[name] ?? []) }
        case .createdIn(let start, let end):
            return [start.catalogValue, end.catalogValue]
        }
    }

    /// The ids of the dataset's samples with one of `names` (from `sampleLabel`, the dataset's own labels).
    private func labeledSamples(_ names: [String]) -> String {
        "SELECT sampleId FROM sampleLabel WHERE datasetId = ? AND name IN (\(placeholders(names.count)))"
    }

    /// The least text greater than every key in the folder `prefix` (ending with `/`), in SQLite's byte order: the
    /// prefix with its last `/` made `0`, the next character. Nil for the bucket's root (or a prefix without its `/`).
    static func keyAfterFolder(_ prefix: String) -> String? {
        guard prefix.hasSuffix("/") else { return nil }
        return prefix.dropLast() + "0"
    }

    /// A job's samples with one of `names`, as the job reads its labels.
    private func labelNames(_ names: [String]) -> String {
        """
        SELECT 1 FROM json_each(\(annotations)) AS annotation
        WHERE json_extract(annotation.value, '$.name') IN (\(placeholders(names.count)))
        """
    }

    private func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }

    /// `LIKE` takes `%` and `_` as wildcards: match them (and the escape character) literally.
    static func escapeLike(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
