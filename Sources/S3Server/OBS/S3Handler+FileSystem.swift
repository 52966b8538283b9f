import Foundation
import HTTPTypes
import Hummingbird
import ObjectStore
import S3Protocol

/// OBS parallel file systems (buckets created with `x-obs-fs-file-interface: Enabled`): rename (`POST
/// /key?rename&name=new`, esdk-obs-python's `renameFile`) and truncate (`PUT /key?truncate&length=N`, `truncateFile`),
/// both answered 204. Other buckets refuse them.
extension S3Handler {
    func renameObject(_ request: S3Request, bucket: String, key: String) async throws -> Response {
        try await requireFileSystem(bucket)
        guard let newKey = Self.renamedKey(request) else {
            throw S3Error.invalidArgument("A rename needs the new name (name=…).", name: "name", value: request.queryValue("name"))
        }
        try await store.renameObject(bucket: bucket, key: key, to: newKey)
        return Response(status: .noContent)
    }

    /// Cuts the object to `length` bytes (no longer than it is); an encrypted object stays encrypted under its own key.
    func truncateObject(_ request: S3Request, bucket: String, key: String, caller: Caller) async throws -> Response {
        try await requireFileSystem(bucket)
        let lengthText = request.queryValue("length") ?? ""
        guard let length = Int64(lengthText), length >= 0 else {
            throw S3Error.invalidArgument("The length must be a non-negative integer.", name: "length", value: lengthText)
        }
        let version = try await store.headObject(bucket: bucket, key: key, versionId: nil)
        let access = ReadAccess(
            principal: caller.principal,
            customerKey: try ServerSideEncryption.customerKey(in: request.headers, prefix: ServerSideEncryption.customerPrefix)
        )
        _ = try await store.truncateObject(version, length: length, access: access)
        return Response(status: .noContent)
    }

    /// The key a rename names (`name`, an absolute path in OBS: a leading `/` is not part of the key).
    static func renamedKey(_ request: S3Request) -> String? {
        guard var name = request.queryValue("name") else { return nil }
        if name.hasPrefix("/") { name.removeFirst() }
        return name.isEmpty ? nil : name
    }

    private func requireFileSystem(_ bucket: String) async throws {
        guard try await store.bucket(bucket).isFileSystem else {
            throw S3Error.methodNotAllowed(
                "The specified method is not allowed against this resource: only a parallel file system renames and truncates objects."
            )
        }
    }
}

extension HTTPField.Name {
    /// OBS's `x-obs-fs-file-interface`, in S3's prefix like every header handlers read and write.
    static let amzFSFileInterface = HTTPField.Name("x-amz-fs-file-interface")!
}
