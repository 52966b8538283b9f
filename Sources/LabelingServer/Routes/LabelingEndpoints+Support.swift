import Foundation
import HTTPTypes
import Hummingbird
import LabelFormats
import NIOCore
import ObslabAPI

extension LabelingEndpoints {
    /// Request bodies are small JSON documents.
    static let maxBodySize = 1 << 20

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try ModelArtsAPI.makeEncoder().encode(value)
        return Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Decodes a JSON body of up to `limit` bytes (`advice` goes with the 413 of a larger one); a malformed one is a 400
    /// naming the field at fault (`data_sources[0].data_path`), and so is a member an `ExactRequest` does not honour.
    static func decode<Document: Decodable>(
        _ type: Document.Type,
        from request: Request,
        upTo limit: Int = maxBodySize,
        advice: String? = nil
    ) async throws -> Document {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            var error = ModelArtsError.bodyTooLarge(limit: limit)
            if let advice { error.message += ": \(advice)" }
            throw error
        }
        guard buffer.readableBytes > 0 else {
            throw ModelArtsError.invalidParameter("body", "the request has no JSON body")
        }
        let data = Data(buffer.readableBytesView)
        let document: Document
        do {
            document = try ModelArtsAPI.makeDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw Self.describe(error)
        }
        if let exact = type as? any ExactRequest.Type {
            try Self.refuseUnhonouredFields(of: exact, in: data)
        }
        return document
    }

    /// A 400 naming the first member (in name order, depth first) of the body's object that `type` does not honour,
    /// or that the type of one of its `memberRequests` does not (`samples[0].labels[1].color`).
    static func refuseUnhonouredFields(of type: any ExactRequest.Type, in data: Data) throws {
        guard let object = try? JSONSerialization.jsonObject(with: data) else { return }
        try refuseUnhonouredFields(of: type, in: object, at: "")
    }

    private static func refuseUnhonouredFields(of type: any ExactRequest.Type, in value: Any, at path: String) throws {
        guard let object = value as? [String: Any] else { return }
        for field in object.keys.sorted() {
            let fieldPath = path.isEmpty ? field : "\(path).\(field)"
            guard type.honouredFields.contains(field) else {
                throw ModelArtsError.invalidParameter(fieldPath, type.refusal(of: field))
            }
            guard let member = type.memberRequests[field], let value = object[field] else { continue }
            if let items = value as? [Any] {
                for (index, item) in items.enumerated() {
                    try refuseUnhonouredFields(of: member, in: item, at: "\(fieldPath)[\(index)]")
                }
            } else {
                try refuseUnhonouredFields(of: member, in: value, at: fieldPath)
            }
        }
    }

    /// Refuses the members of a body sent to an operation whose reference page has no request parameters: obslab would
    /// ignore them. No body, or an empty object, is fine.
    static func refuseBody(of request: Request) async throws {
        guard let members = try await decodeIfPresent([String: JSONValue].self, from: request) else { return }
        if let field = members.keys.sorted().first {
            throw ModelArtsError.invalidParameter(field, "is not a member: this operation takes no request body")
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

    /// `locale`, when given, must be English: obslab's texts have no other language.
    static func requireEnglishLocale(_ request: Request) throws {
        if let locale = request.uri.queryParameters["locale"], !["en", "en-us", "en_us"].contains(locale.lowercased()) {
            throw ModelArtsError.invalidParameter("locale", "must be en-us, the language of obslab's texts, not \(locale)")
        }
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
