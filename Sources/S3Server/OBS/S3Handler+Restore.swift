import Foundation
import HTTPTypes
import Hummingbird
import ObjectStore
import S3Protocol
import S3RequestXML

/// The restore of cold objects (`POST /key?restore`; S3's GLACIER, OBS's COLD; esdk-obs-python's `restoreObject`): 202
/// when a restore starts, 200 when a restored copy's life is extended. A restore takes its tier's time by the server's
/// drivable clock (the lifecycle clock, which `POST /-/admin/lifecycle/run` moves ahead), and GET of a cold object answers
/// 403 `InvalidObjectState` until it is done and after its days are over. HEAD answers `x-amz-restore` (`x-obs-restore`).
extension S3Handler {
    /// How long each tier takes: the longest time OBS and S3 document for it.
    static let restoreDelays: [String: TimeInterval] = ["Expedited": 5 * 60, "Standard": 5 * 3600, "Bulk": 12 * 3600]
    /// The storage class that needs a restore, under the name the store keeps (OBS's COLD).
    static let coldStorageClass = "GLACIER"

    func restoreObject(_ request: S3Request, bucket: String, key: String, payload: PayloadSigning) async throws -> Response {
        let document = try await readDocument(RestoreRequest.self, request, payload: payload)
        guard let days = document.days else { throw S3Error.malformedXML() }
        let maxDays = Dialect.current == .obs ? 30 : 30_000
        guard days >= 1, days <= maxDays else {
            throw S3Error.invalidArgument("restoration days should be at least 1 and at most \(maxDays)", name: "Days", value: String(days))
        }
        // OBS knows two tiers, S3 three.
        let tier = document.tier ?? "Standard"
        guard let delay = Self.restoreDelays[tier], Dialect.current == .s3 || tier != "Bulk" else { throw S3Error.malformedXML() }
        let (started, version) = try await store.restoreObject(
            bucket: bucket,
            key: key,
            versionId: request.queryValue("versionId"),
            coldClass: Self.coldStorageClass,
            delay: delay,
            days: days,
            now: lifecycle.clock.now()
        )
        var headers = HTTPFields()
        if version.versionId != "null" { headers[.amzVersionId] = version.versionId }
        return Response(status: started ? .accepted : .ok, headers: headers)
    }

    /// `x-amz-restore` of a cold version whose restore was asked for.
    func addRestoreHeader(of version: ObjectVersion, to fields: inout HTTPFields) {
        guard let restore = version.restore else { return }
        let now = lifecycle.clock.now()
        if restore.isOngoing(at: now) {
            fields[.amzRestore] = "ongoing-request=\"true\""
        } else if restore.isReadable(at: now) {
            fields[.amzRestore] = "ongoing-request=\"false\", expiry-date=\"\(HTTPDate.rfc1123(restore.expiresAt))\""
        }
    }

    /// Refuses to read the bytes of a cold version that is not restored now.
    func requireRestored(_ version: ObjectVersion) throws {
        guard version.attributes.storageClass == Self.coldStorageClass else { return }
        if version.restore?.isReadable(at: lifecycle.clock.now()) == true { return }
        throw S3Error("InvalidObjectState", status: .forbidden, message: "The operation is not valid for the object's storage class")
    }
}

extension HTTPField.Name {
    static let amzRestore = HTTPField.Name("x-amz-restore")!
}
