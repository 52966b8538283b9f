import Foundation
import Labeling
import ObjectStore

/// The text `obslab fsck` prints: what was checked, then what was repaired, what is safe to repair, and what needs a
/// person, each finding in plain words.
struct FsckReport {
    let dataRoot: String
    let store: CheckReport
    let labeling: LabelingCatalogCheck?
    let repair: Bool
    let deep: Bool

    /// Findings of one kind printed before the rest are summed up.
    static let shownPerKind = 20

    var isClean: Bool { store.problems.isEmpty && (labeling?.problems.isEmpty ?? true) }

    func render() -> String {
        var lines = ["obslab fsck \(dataRoot)"]
        lines.append(
            "  objects: \(store.buckets) bucket(s), \(store.versions) version(s) (\(store.deleteMarkers) delete marker(s), "
                + "\(store.encryptedVersions) encrypted), \(store.uploads) pending upload(s) with \(store.parts) part(s), "
                + "\(store.blobFiles) blob file(s)"
        )
        if deep {
            lines.append(
                "  deep: \(Self.size(store.bytesVerified)) of plaintext hashed against ETags and checksums; "
                    + "\(store.notDecrypted) encrypted blob(s) not decrypted (fsck holds no keys; reads check their tags)"
            )
        }
        if let labeling {
            lines.append("  labeling: \(labeling.datasets) dataset(s), \(labeling.samples) sample(s)")
        } else {
            lines.append("  labeling: no labeling catalog")
        }
        section("Repaired", store.repaired, into: &lines)
        section(
            repair ? "Safe to repair, but left" : "Safe to repair (run again with --repair)",
            store.problems.filter(\.kind.isSafeToRepair),
            into: &lines
        )
        if let withheld = store.repairWithheld { lines.append("  (\(withheld))") }
        section("Needs you (fsck cannot repair it)", store.problems.filter { !$0.kind.isSafeToRepair }, into: &lines)
        if let problems = labeling?.problems, !problems.isEmpty {
            lines.append("")
            lines.append("Labeling catalog (fsck does not repair it):")
            lines += problems.map { "  \($0)" }
        }
        lines.append("")
        let left = store.problems.count + (labeling?.problems.count ?? 0)
        lines.append(isClean ? "clean" : "\(left) problem(s)")
        return lines.joined(separator: "\n") + "\n"
    }

    private func section(_ title: String, _ findings: [CheckFinding], into lines: inout [String]) {
        guard !findings.isEmpty else { return }
        lines.append("")
        lines.append("\(title) (\(findings.count)):")
        var shown: [String: Int] = [:]
        for finding in findings {
            let count = shown[finding.kind.description, default: 0]
            shown[finding.kind.description] = count + 1
            if count < Self.shownPerKind { lines.append("  \(finding.kind) - \(finding.subject): \(finding.detail)") }
        }
        for (kind, count) in shown.sorted(by: { $0.key < $1.key }) where count > Self.shownPerKind {
            lines.append("  … and \(count - Self.shownPerKind) more \(kind)")
        }
    }

    static func size(_ bytes: Int64) -> String {
        bytes < 1 << 20 ? "\(bytes) bytes" : String(format: "%.1f MiB", Double(bytes) / Double(1 << 20))
    }
}
