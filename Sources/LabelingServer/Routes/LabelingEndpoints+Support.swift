import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ObslabAPI

extension LabelingEndpoints {
    /// Request bodies are small JSON documents.
    static let maxBodySize = 1 << 20

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try ModelArtsAPI.makeEncoder().encode(value)
        return Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Decodes a JSON body; a malformed one is a 400 naming the field at fault (`data_sources[0].data_path`).
    static func decode<Document: Decodable>(_ type: Document.Type, from request: Request) async throws -> Document {
        let buffer = try await request.body.collect(upTo: maxBodySize)
        guard buffer.readableBytes > 0 else {
            throw ModelArtsError.invalidParameter("body", "the request has no JSON body")
        }
        do {
            return try ModelArtsAPI.makeDecoder().decode(type, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw Self.describe(error)
        }
    }

    static func describe(_ error: DecodingError) -> ModelArtsError {
        switch error {
        case .keyNotFound(let key, let context):
            return .invalidParameter(fieldPath(context.codingPath + [key]), "is missing")
        case .typeMismatch(let type, let context):
            return .invalidParameter(fieldPath(context.codingPath), "must be \(jsonTypeName(type))")
        case .valueNotFound(let type, let context):
            return .invalidParameter(fieldPath(context.codingPath), "must be \(jsonTypeName(type)), not null")
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return .invalidParameter("body", "not a JSON document (\(context.debugDescription))")
        case .dataCorrupted(let context):
            return .invalidParameter(fieldPath(context.codingPath), context.debugDescription)
        @unknown default:
            return .invalidParameter("body", "\(error)")
        }
    }

    /// `data_sources[0].data_path`.
    static func fieldPath(_ path: [any CodingKey]) -> String {
        var result = ""
        for key in path {
            if let index = key.intValue {
                result += "[\(index)]"
            } else {
                result += (result.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return result.isEmpty ? "body" : result
    }

    static func jsonTypeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is Double.Type: "a number"
        case is Bool.Type: "a boolean"
        case is [Any].Type: "an array"
        default: String(describing: type).hasPrefix("Array") ? "an array" : "an object"
        }
    }

    /// An integer query parameter within bounds, or its default when absent.
    static func integer(_ name: String, in request: Request, default defaultValue: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = request.uri.queryParameters[Substring(name)] else { return defaultValue }
        guard let value = Int(text) else {
            throw ModelArtsError.invalidParameter(name, "must be an integer, not \(text)")
        }
        guard range.contains(value) else {
            throw ModelArtsError.invalidParameter(name, "must be between \(range.lowerBound) and \(range.upperBound), not \(value)")
        }
        return value
    }

    static func boolean(_ name: String, in request: Request) throws -> Bool {
        guard let text = request.uri.queryParameters[Substring(name)] else { return false }
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: throw ModelArtsError.invalidParameter(name, "must be true or false, not \(text)")
        }
    }
}
