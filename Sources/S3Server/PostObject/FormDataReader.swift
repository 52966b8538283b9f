import Foundation
import HTTPTypes
import NIOCore

/// Reads a `multipart/form-data` body as a browser POST upload sends it: the small fields before the file are collected
/// in memory (within a limit), the file's bytes are streamed as they arrive, and whatever follows the file is ignored,
/// as S3 ignores it.
///
/// Every delimiter is `CRLF--boundary`; a CRLF is put in front of the body so that the first one looks the same.
final class FormDataReader<Source: AsyncIteratorProtocol> where Source.Element == ByteBuffer {
    /// A field before the file: its name and value, and the filename and type of the file part itself.
    struct Part {
        var name: String
        var value: String
        var filename: String?
        var contentType: String?
    }

    /// The fields before the file may take this many bytes in all (S3 refuses a larger form).
    static var maxFieldBytes: Int { 1 << 20 }

    private var source: Source
    private var buffer: [UInt8] = Array("\r\n".utf8)
    private var sourceEnded = false
    private let delimiter: [UInt8]
    private var fieldBytes = 0
    private var fileEnded = false

    init(source: Source, boundary: String) {
        self.source = source
        self.delimiter = Array("\r\n--\(boundary)".utf8)
    }

    /// The boundary of a `multipart/form-data` Content-Type, or nil when the type is another.
    static func boundary(contentType: String) -> String? {
        let parameters = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parameters.first?.lowercased() == "multipart/form-data" else { return nil }
        for parameter in parameters.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            let value = pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"") && pair[1].count >= 2 ? String(pair[1].dropFirst().dropLast()) : pair[1]
            return value.isEmpty || value.utf8.count > 200 ? nil : value
        }
        return nil
    }

    /// Reads fields up to the file part: its `Part` (value empty) is last in the answer, its content is then read with
    /// `nextFileChunk()`. Without a file part the answer ends with the last field.
    func readFieldsUpToFile() async throws -> [Part] {
        var parts: [Part] = []
        guard try await skip(through: delimiter) else { throw Self.malformed() }
        while true {
            try await require(2)
            if buffer.starts(with: Array("--".utf8)) { return parts }
            guard let headerEnd = try await find(Array("\r\n\r\n".utf8), limit: 16 << 10) else { throw Self.malformed() }
            var part = try Self.parseHeaders(Array(buffer[0..<headerEnd]))
            consume(headerEnd + 4)
            if part.filename != nil || part.name.lowercased() == "file" {
                parts.append(part)
                return parts
            }
            guard let end = try await find(delimiter, limit: Self.maxFieldBytes - fieldBytes) else {
                throw S3Error.maxMessageLengthExceeded()
            }
            fieldBytes += end
            part.value = String(decoding: buffer[0..<end], as: UTF8.self)
            consume(end + delimiter.count)
            parts.append(part)
        }
    }

    /// The next bytes of the file, or nil once its closing delimiter is reached.
    func nextFileChunk() async throws -> ByteBuffer? {
        while !fileEnded {
            if let index = Self.index(of: delimiter, in: buffer) {
                fileEnded = true
                let chunk = Array(buffer[0..<index])
                consume(index + delimiter.count)
                return chunk.isEmpty ? nil : ByteBuffer(bytes: chunk)
            }
            let safe = buffer.count - (delimiter.count - 1)
            if safe > 0 {
                let chunk = Array(buffer[0..<safe])
                consume(safe)
                return ByteBuffer(bytes: chunk)
            }
            guard try await fill() else { throw Self.malformed() }
        }
        return nil
    }

    // MARK: - Buffer

    private func fill() async throws -> Bool {
        guard !sourceEnded, let next = try await source.next() else {
            sourceEnded = true
            return false
        }
        buffer.append(contentsOf: next.readableBytesView)
        return true
    }

    private func consume(_ count: Int) {
        buffer.removeFirst(count)
    }

    private func require(_ count: Int) async throws {
        while buffer.count < count {
            guard try await fill() else { throw Self.malformed() }
        }
    }

    /// The index of `pattern` in the buffer, reading more as needed, or nil when it is not within `limit` bytes.
    private func find(_ pattern: [UInt8], limit: Int) async throws -> Int? {
        while true {
            if let index = Self.index(of: pattern, in: buffer) { return index <= limit ? index : nil }
            if buffer.count > limit + pattern.count { return nil }
            guard try await fill() else { throw Self.malformed() }
        }
    }

    private func skip(through pattern: [UInt8]) async throws -> Bool {
        guard let index = try await find(pattern, limit: 16 << 10) else { return false }
        consume(index + pattern.count)
        return true
    }

    static func index(of pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard let first = pattern.first, bytes.count >= pattern.count else { return nil }
        var start = 0
        while start <= bytes.count - pattern.count {
            guard let candidate = bytes[start...(bytes.count - pattern.count)].firstIndex(of: first) else { return nil }
            if bytes[candidate..<(candidate + pattern.count)].elementsEqual(pattern) { return candidate }
            start = candidate + 1
        }
        return nil
    }

    /// A part's `Content-Disposition: form-data; name="…"; filename="…"` and `Content-Type`.
    static func parseHeaders(_ bytes: [UInt8]) throws -> Part {
        var part = Part(name: "", value: "")
        var named = false
        for line in String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if name == "content-type" { part.contentType = value }
            guard name == "content-disposition" else { continue }
            for parameter in Self.dispositionParameters(value) {
                if parameter.name == "name" {
                    part.name = parameter.value
                    named = true
                } else if parameter.name == "filename" {
                    part.filename = parameter.value
                }
            }
        }
        guard named else { throw malformed() }
        return part
    }

    /// `name="value"` parameters of a Content-Disposition, quotes removed (a quoted value may hold `;`).
    private static func dispositionParameters(_ value: String) -> [(name: String, value: String)] {
        var result: [(String, String)] = []
        var rest = Substring(value)
        while let equals = rest.firstIndex(of: "=") {
            let name = rest[..<equals].split(separator: ";").last?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            rest = rest[rest.index(after: equals)...]
            var parameter = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                let close = rest.firstIndex(of: "\"") ?? rest.endIndex
                parameter = String(rest[..<close])
                rest = close < rest.endIndex ? rest[rest.index(after: close)...] : ""
            } else {
                let end = rest.firstIndex(of: ";") ?? rest.endIndex
                parameter = rest[..<end].trimmingCharacters(in: .whitespaces)
                rest = rest[end...]
            }
            result.append((name, parameter))
        }
        return result
    }

    static func malformed() -> S3Error {
        S3Error("MalformedPOSTRequest", status: .badRequest, message: "The body of your POST request is not well-formed multipart/form-data.")
    }
}

/// The file of a form, as an async sequence of its bytes for the store to stage; throws `tooLarge` as soon as the file
/// grows past `maxBytes`, before the rest is read.
struct FormFileStream<Source: AsyncIteratorProtocol>: AsyncSequence where Source.Element == ByteBuffer {
    typealias Element = ByteBuffer

    let reader: FormDataReader<Source>
    let maxBytes: Int64
    let tooLarge: S3Error

    func makeAsyncIterator() -> Iterator {
        Iterator(stream: self)
    }

    struct Iterator: AsyncIteratorProtocol {
        let stream: FormFileStream
        var count: Int64 = 0

        mutating func next() async throws -> ByteBuffer? {
            guard let chunk = try await stream.reader.nextFileChunk() else { return nil }
            count += Int64(chunk.readableBytes)
            if count > stream.maxBytes { throw stream.tooLarge }
            return chunk
        }
    }
}
