import GRDB
import KeyManagement

/// The offline check of one data root (`obslab fsck`): the catalog file itself, every version and part against its
/// blob file and envelope, the files nothing refers to, and with `deep` every plaintext byte against its ETag and
/// checksums. Runs with the data root locked, so nothing changes underneath; blocking by design (call it off the
/// cooperative pool).
struct StoreChecker {
    /// A blob file a catalog entry refers to: what refers to it, the size the file must have, and for plaintext what its
    /// bytes must hash to.
    struct ExpectedBlob {
        let subject: String
        /// Unknown for a part whose upload is gone (its chunk size was the upload's).
        let size: Int64?
        let content: ExpectedContent?
    }

    /// What the bytes of a plaintext blob must hash to.
    struct ExpectedContent {
        let etag: String
        /// The part sizes of a multipart object, whose ETag and composite checksums are over its parts; empty otherwise.
        let partSizes: [Int64]
        let checksums: [String: String]
    }

    let database: DatabaseQueue
    let blobs: BlobDirectory
    let options: CheckOptions
    var report = CheckReport()
    /// Blob id → the entry that refers to it.
    var expected: [String: ExpectedBlob] = [:]
    /// Upload id → the blob files of its parts, for the uploads that no longer exist.
    var partsWithoutUpload: [String: [String]] = [:]
    var keysWithoutLatest: [(bucket: String, key: String)] = []

    /// Versions read from the catalog at a time.
    static let pageSize = 1000

    init(database: DatabaseQueue, blobs: BlobDirectory, options: CheckOptions) {
        self.database = database
        self.blobs = blobs
        self.options = options
    }

    mutating func run() throws -> CheckReport {
        try checkCatalogFile()
        try checkVersions()
        try checkUploads()
        try checkBlobFiles()
        try checkStaging()
        if options.repair { try repair() }
        return report
    }

    // MARK: The catalog

    private mutating func checkCatalogFile() throws {
        let (integrity, references, buckets, withoutLatest) = try database.read { db in
            (
                try ObjectCatalog.integrityProblems(db), try ObjectCatalog.brokenReferences(db), try ObjectCatalog.bucketCount(db),
                try ObjectCatalog.keysWithoutLatest(db)
            )
        }
        report.buckets = buckets
        for line in integrity {
            report.add(CheckFinding(.damagedCatalog, "catalog.sqlite", "\(line); restore the data root from a backup"))
        }
        for (table, parent, count) in references {
            report.add(
                CheckFinding(.brokenReference, "catalog.sqlite", "\(count) row(s) of \(table) refer to a \(parent) that does not exist")
            )
        }
        keysWithoutLatest = withoutLatest
        for (bucket, key) in withoutLatest {
            report.add(
                CheckFinding(.noLatestVersion, "\(bucket)/\(key)", "versions exist but none is the latest; repair makes the newest the latest")
            )
        }
    }

    // MARK: Versions

    private mutating func checkVersions() throws {
        var last: Int64 = 0
        while true {
            let page = try database.read { db in try ObjectCatalog.versions(after: last, limit: Self.pageSize, db) }
            for (id, blobId, result) in page {
                switch result {
                case .success(let record): check(record)
                case .failure(let error):
                    report.versions += 1
                    let subject = "objectVersion row \(id)"
                    report.add(CheckFinding(.unreadableRow, subject, "it cannot be decoded: \(error)"))
                    // Its blob file is still its own: never an orphan to remove.
                    if let blobId { expect(blobId, ExpectedBlob(subject: subject, size: nil, content: nil)) }
                }
            }
            guard page.count == Self.pageSize, let next = page.last?.id else { return }
            last = next
        }
    }

    private mutating func check(_ record: ObjectVersionRecord) {
        report.versions += 1
        let subject = "\(record.bucket)/\(record.key) (version \(record.versionId))"
        if record.isDeleteMarker {
            report.deleteMarkers += 1
            if record.blobId != nil || record.encryption != nil {
                report.add(CheckFinding(.inconsistentVersion, subject, "a delete marker with a blob file or an envelope"))
            }
            return
        }
        guard let blobId = record.blobId else {
            report.add(CheckFinding(.missingBlob, subject, "the catalog names no blob file: the bytes are lost; delete this version"))
            return
        }
        if let problem = Self.shapeProblem(size: record.size, etag: record.etag, partSizes: record.partSizes) {
            report.add(CheckFinding(.inconsistentVersion, subject, problem))
        }
        var storedSize = record.size
        if let envelope = record.encryption {
            report.encryptedVersions += 1
            if envelope.segments.isEmpty || envelope.plaintextSize != record.size {
                report.add(
                    CheckFinding(
                        .inconsistentEnvelope,
                        subject,
                        "its envelope's segments hold \(envelope.plaintextSize) bytes, the version \(record.size); it cannot be decrypted whole"
                    )
                )
            }
            storedSize = envelope.ciphertextSize
        }
        let content =
            record.encryption == nil
            ? ExpectedContent(etag: record.etag, partSizes: record.partSizes, checksums: record.attributes.checksums) : nil
        expect(blobId, ExpectedBlob(subject: subject, size: storedSize, content: content))
    }

    /// What is wrong with a version's size, ETag and part sizes taken together, or nil.
    static func shapeProblem(size: Int64, etag: String, partSizes: [Int64]) -> String? {
        if size < 0 { return "a negative size" }
        let parts = etag.split(separator: "-", omittingEmptySubsequences: false)
        guard isHexDigest(parts[0]) else { return "its ETag \(etag) is not an MD5" }
        if partSizes.isEmpty {
            return parts.count == 1 ? nil : "a multipart ETag \(etag) without part sizes"
        }
        guard parts.count == 2, Int(parts[1]) == partSizes.count else {
            return "its ETag \(etag) does not name its \(partSizes.count) parts"
        }
        let total = partSizes.reduce(0, +)
        return total == size ? nil : "its parts add up to \(total) bytes, the version has \(size)"
    }

    private static func isHexDigest(_ text: some StringProtocol) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    // MARK: Multipart uploads

    private mutating func checkUploads() throws {
        let (uploads, parts) = try database.read { db in (try ObjectCatalog.uploads(db), try ObjectCatalog.parts(db)) }
        report.uploads = uploads.count
        report.parts = parts.count
        for (uploadId, result) in uploads.sorted(by: { $0.key < $1.key }) {
            if case .failure(let error) = result {
                report.add(CheckFinding(.unreadableRow, "multipart upload \(uploadId)", "it cannot be decoded: \(error)"))
            }
        }
        for (uploadId, partNumber, blobId, result) in parts {
            let subject = "part \(partNumber) of upload \(uploadId)"
            guard case .success(let part) = result else {
                if case .failure(let error) = result {
                    report.add(CheckFinding(.unreadableRow, subject, "it cannot be decoded: \(error)"))
                }
                if let blobId { expect(blobId, ExpectedBlob(subject: subject, size: nil, content: nil)) }
                continue
            }
            guard let upload = uploads[uploadId] else {
                partsWithoutUpload[uploadId, default: []].append(part.blobId)
                report.add(CheckFinding(.partWithoutUpload, subject, "its upload no longer exists; repair removes the part"))
                expect(part.blobId, ExpectedBlob(subject: subject, size: nil, content: nil))
                continue
            }
            guard case .success(let uploadRecord) = upload else {
                expect(part.blobId, ExpectedBlob(subject: subject, size: nil, content: nil))
                continue
            }
            let subjectWithKey = "\(subject) (\(uploadRecord.bucket)/\(uploadRecord.key))"
            var storedSize = part.size
            if let envelope = uploadRecord.encryption {
                if let segment = part.encryptedSegment, segment.plaintextSize == part.size {
                    storedSize = EncryptionEnvelope.ciphertextSize(forPlaintextSize: part.size, chunkSize: envelope.chunkSize)
                } else {
                    report.add(CheckFinding(.inconsistentEnvelope, subjectWithKey, "a part of an encrypted upload without its segment"))
                }
            } else if part.encryptedSegment != nil {
                report.add(CheckFinding(.inconsistentEnvelope, subjectWithKey, "an encrypted part of a plaintext upload"))
            }
            let content = uploadRecord.encryption == nil ? ExpectedContent(etag: part.etag, partSizes: [], checksums: part.checksums) : nil
            expect(part.blobId, ExpectedBlob(subject: subjectWithKey, size: storedSize, content: content))
        }
    }

    /// Records what a blob file must be; a second entry naming the same file is a problem of its own.
    private mutating func expect(_ blobId: String, _ blob: ExpectedBlob) {
        if let first = expected[blobId] {
            report.add(
                CheckFinding(
                    .sharedBlob,
                    blob.subject,
                    "its blob file \(blobId) is also \(first.subject)'s: deleting either would destroy the other's bytes"
                )
            )
            return
        }
        expected[blobId] = blob
    }
}
