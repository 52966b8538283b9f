import Foundation
import HTTPTypes
import Hummingbird
import KeyManagement
import ObjectStore
import S3Protocol

/// OBS's append upload (`POST /key?append&position=N`, esdk-obs-python's `appendObject`): position 0 on a key without an
/// object creates an appendable object as a PUT would (headers, encryption, ACL, tags); each further append must name the
/// object's length as its position and adds its bytes, encrypted as the object is. The answer carries
/// `x-obs-next-append-position`, as HEAD does with `x-obs-object-type: Appendable`.
extension S3Handler {
    func appendObject(_ request: S3Request, bucket: String, key: String, caller: Caller) async throws -> Response {
        let positionText = request.queryValue("position") ?? ""
        guard let position = Int64(positionText), position >= 0 else {
            throw S3Error.invalidArgument("The position must be a non-negative integer.", name: "position", value: positionText)
        }
        let current: ObjectVersion?
        do {
            current = try await store.headObject(bucket: bucket, key: key, versionId: nil)
        } catch let error as StoreError where error.code == .noSuchKey {
            current = nil
        }
        guard let current else {
            guard position == 0 else { throw Self.positionNotEqualToLength(0) }
            return try await putObject(request, bucket: bucket, key: key, caller: caller, appendable: true)
        }
        guard current.isAppendable, current.attributes.storageClass != "GLACIER" else {
            throw S3Error("ObjectNotAppendable", status: .conflict, message: "The object is not appendable.")
        }
        guard position == current.size else { throw Self.positionNotEqualToLength(current.size) }
        if current.attributes.isLocked(at: Date()) {
            throw S3Error.accessDenied("Access Denied because object protected by object lock.")
        }
        let access = ReadAccess(
            principal: caller.principal,
            customerKey: try ServerSideEncryption.customerKey(in: request.headers, prefix: ServerSideEncryption.customerPrefix)
        )
        let upload = try await stageBody(request, caller: caller, target: .append(to: current, access: access))
        let version = try await store.appendObject(current, staged: upload.staged)
        var headers: HTTPFields = [.eTag: ObjectHeaders.quoted(version.etag), .amzNextAppendPosition: String(version.size)]
        headers.merge(ServerSideEncryption.responseHeaders(for: version.encryption, kms: store.kms))
        return Response(status: .ok, headers: headers)
    }

    /// The headers HEAD and GET answer for an appendable object.
    static func addAppendHeaders(of version: ObjectVersion, to fields: inout HTTPFields) {
        guard version.isAppendable else { return }
        fields[.amzObjectType] = "Appendable"
        fields[.amzNextAppendPosition] = String(version.size)
    }

    private static func positionNotEqualToLength(_ length: Int64) -> S3Error {
        S3Error(
            "PositionNotEqualToLength",
            status: .conflict,
            message: "Position is not equal to the length of the object.",
            headers: [.amzNextAppendPosition: String(length)]
        )
    }
}

extension HTTPField.Name {
    /// OBS's `x-obs-next-append-position` (and `x-obs-object-type`), named in S3's prefix like every header handlers write.
    static let amzNextAppendPosition = HTTPField.Name("x-amz-next-append-position")!
    static let amzObjectType = HTTPField.Name("x-amz-object-type")!
}
