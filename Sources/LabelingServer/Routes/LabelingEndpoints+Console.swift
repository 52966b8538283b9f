import HTTPTypes
import Hummingbird
import Labeling
import NIOCore

extension LabelingEndpoints {
    /// The web console's files: the page at `/console`, each file at `/console/{name}`. They hold no data (the page asks
    /// for the token and calls the API with it), so the server registers them ahead of the token check.
    static let console: [LabelingEndpoint] =
        [LabelingEndpoint(.get, "/console", consoleHandler(ConsoleAssets.page))]
        + ConsoleAssets.files.keys.sorted().map { LabelingEndpoint(.get, "/console/\($0)", consoleHandler($0)) }

    static func consoleHandler(_ name: String) -> LabelingEndpoint.Handler {
        let text = ConsoleAssets.files[name] ?? ""
        let type = ConsoleAssets.contentType(of: name)
        return { _, _ in consoleFile(text, type: type) }
    }

    /// The page runs only its own scripts and style, and shows images and plays audio only from the API (fetched with
    /// the token, shown as `blob:` URLs).
    static let consolePolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' blob:; "
        + "media-src blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    static func consoleFile(_ text: String, type: String) -> Response {
        let headers: HTTPFields = [
            .contentType: type,
            .cacheControl: "no-cache",
            .contentSecurityPolicy: consolePolicy,
            .xContentTypeOptions: "nosniff",
        ]
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// The most of an object `…/samples/{sample_id}/content` returns: enough for a thumbnail's source image.
    static let maxContentSize = 10 << 20

    /// The raw object of a sample, read through the labeling service's storage (obslab's addition, for the console's
    /// thumbnails): an object the service may not read answers the storage's status and error, as a ModelArts error.
    @Sendable func sampleContent(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let datasetId = try context.parameters.require("dataset_id")
        let sampleId = try context.parameters.require("sample_id")
        do {
            let (sample, bytes) = try await service.sampleContent(datasetId: datasetId, sampleId: sampleId, maxBytes: Self.maxContentSize)
            let headers: HTTPFields = [
                .contentType: Self.contentType(ofKey: sample.key),
                .cacheControl: "private, no-store",
                // The object is the user's data, not the console's: never run or render it as a page.
                .contentSecurityPolicy: "sandbox; default-src 'none'",
                .xContentTypeOptions: "nosniff",
            ]
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        } catch let error as StorageError {
            throw ModelArtsError.contentUnreadable(sampleId: sampleId, error)
        }
    }

    /// Images by their extension, so that browsers show them; anything else as bytes.
    static func contentType(ofKey key: String) -> String {
        let suffix = key.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch suffix {
        case "jpg", "jpeg": return "image/jpeg"
        case "png": return "image/png"
        case "gif": return "image/gif"
        case "bmp": return "image/bmp"
        case "webp": return "image/webp"
        case "wav": return "audio/wav"
        case "txt": return "text/plain; charset=utf-8"
        default: return "application/octet-stream"
        }
    }
}

extension ModelArtsError {
    /// The storage refused the labeling service a sample's object: its status (403 for a KMS key without a grant),
    /// and its error code and message. `ModelArts.4363` follows obslab's 4360–4362 for storage failures.
    static func contentUnreadable(sampleId: String, _ error: StorageError) -> ModelArtsError {
        var message = "Reading the object of sample \(sampleId) failed: \(error.code): \(error.accessDenial?.description ?? error.message)"
        if let principal = error.principal { message += " (principal \(principal))" }
        if let keyId = error.kmsKeyId { message += " (KMS key \(keyId))" }
        return ModelArtsError(status: HTTPResponse.Status(code: error.httpStatus ?? 500), code: "ModelArts.4363", message: message)
    }
}
