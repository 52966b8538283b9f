import Foundation
import Logging
import ObjectStore
import ObslabAPI
import S3RequestXML

/// Applies every bucket's lifecycle rules once, by the lifecycle clock: expires current versions, removes noncurrent
/// versions and lone delete markers, aborts old multipart uploads. A bucket that fails is logged and skipped.
struct LifecycleRunner: Sendable {
    let store: ObjectStore
    let clock: LifecycleClock
    let logger: Logger

    func runOnce() async -> AdminAPI.LifecycleRunReport {
        var report = AdminAPI.LifecycleRunReport(now: clock.now())
        let configurations: [(bucket: String, document: String)]
        do {
            configurations = try await store.bucketConfigurations(.lifecycle)
        } catch {
            logger.error("lifecycle: cannot read the configurations", metadata: ["error": "\(error)"])
            return report
        }
        for (bucket, document) in configurations {
            do {
                let rules = LifecycleRules(stored: try JSONDecoder().decode(LifecycleConfiguration.self, from: Data(document.utf8)))
                for rule in rules.enabledRules {
                    try await applyToVersions(rule, bucket: bucket, now: report.now, report: &report)
                    try await abortUploads(rule, bucket: bucket, now: report.now, report: &report)
                }
            } catch {
                logger.error("lifecycle: bucket skipped", metadata: ["s3.bucket": "\(bucket)", "error": "\(error)"])
            }
        }
        return report
    }

    /// Walks the versions under the rule's prefix a key at a time (newest first), carrying a key across pages.
    private func applyToVersions(
        _ rule: LifecycleConfiguration.Rule, bucket: String, now: Date, report: inout AdminAPI.LifecycleRunReport
    )
        async throws
    {
        guard rule.expiration != nil || rule.noncurrentVersionExpiration != nil else { return }
        var query = VersionListQuery(prefix: LifecycleRules.prefix(of: rule))
        var pending: [ObjectVersion] = []
        while true {
            let page = try await store.listObjectVersions(bucket: bucket, query: query)
            for version in page.versions {
                if let first = pending.first, first.key != version.key {
                    try await apply(rule, to: pending, now: now, report: &report)
                    pending = []
                }
                pending.append(version)
            }
            guard page.isTruncated, let keyMarker = page.nextKeyMarker else { break }
            query.keyMarker = keyMarker
            query.versionIdMarker = page.nextVersionIdMarker
        }
        if !pending.isEmpty { try await apply(rule, to: pending, now: now, report: &report) }
    }

    /// One key's versions, newest first: each noncurrent version became noncurrent when the next newer one was written.
    private func apply(
        _ rule: LifecycleConfiguration.Rule, to versions: [ObjectVersion], now: Date, report: inout AdminAPI.LifecycleRunReport
    )
        async throws
    {
        if let noncurrent = rule.noncurrentVersionExpiration, let days = noncurrent.noncurrentDays {
            var kept = 0
            for index in versions.indices.dropFirst() where !versions[index].isLatest {
                let version = versions[index]
                guard version.isDeleteMarker || LifecycleRules.selects(rule, version) else { continue }
                kept += 1
                guard kept > (noncurrent.newerNoncurrentVersions ?? 0),
                    LifecycleRules.due(days: days, since: versions[index - 1].lastModified, now: now)
                else { continue }
                if try await store.expire(version, .permanent, now: now) { report.removedNoncurrentVersions += 1 }
            }
        }
        guard let expiration = rule.expiration, let current = versions.first, current.isLatest else { return }
        if current.isDeleteMarker {
            // A delete marker with no version behind it expires with ExpiredObjectDeleteMarker (or any age-based expiration).
            let remaining = try await store.listObjectVersions(bucket: current.bucket, query: VersionListQuery(prefix: current.key, maxKeys: 2))
            let lone = remaining.versions.filter { $0.key == current.key }.count == 1
            if lone, expiration.expiredObjectDeleteMarker == true || expiration.days != nil || expiration.date != nil,
                current.key.hasPrefix(LifecycleRules.prefix(of: rule)), try await store.expire(current, .permanent, now: now)
            {
                report.removedDeleteMarkers += 1
            }
            return
        }
        guard LifecycleRules.selects(rule, current) else { return }
        let due: Bool
        if let days = expiration.days {
            due = LifecycleRules.due(days: days, since: current.lastModified, now: now)
        } else if let date = expiration.date.flatMap(LifecycleRules.parseDate) {
            due = now >= date
        } else {
            due = false
        }
        if due, try await store.expire(current, .current, now: now) { report.expiredObjects += 1 }
    }

    private func abortUploads(
        _ rule: LifecycleConfiguration.Rule, bucket: String, now: Date, report: inout AdminAPI.LifecycleRunReport
    )
        async throws
    {
        guard let days = rule.abortIncompleteMultipartUpload?.daysAfterInitiation else { return }
        var query = UploadListQuery(prefix: LifecycleRules.prefix(of: rule))
        while true {
            let page = try await store.listMultipartUploads(bucket: bucket, query: query)
            for upload in page.uploads where LifecycleRules.due(days: days, since: upload.initiated, now: now) {
                try await store.abortMultipartUpload(bucket: bucket, key: upload.key, uploadId: upload.uploadId)
                report.abortedUploads += 1
            }
            guard page.isTruncated, let keyMarker = page.nextKeyMarker else { break }
            query.keyMarker = keyMarker
            query.uploadIdMarker = page.nextUploadIdMarker
        }
    }
}
