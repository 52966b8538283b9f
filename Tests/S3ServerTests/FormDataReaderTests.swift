import NIOCore
import Testing

@testable import S3Server

/// A browser form read at every split of its body into two chunks: the fields before the file, then the file's bytes.
struct FormDataReaderTests {
    static let boundary = "b01acecb5b483d58aeb059277667a308"
    static let file = Array("xxxx\r\n--b01acecb5b48 not the boundary\r\nyyyy".utf8)
    static let body: [UInt8] = {
        var text = ""
        for (name, value) in [("key", "uploads/a.bin"), ("x-amz-algorithm", "AWS4-HMAC-SHA256"), ("x-amz-signature", "0000")] {
            text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a;b.bin\"\r\nContent-Type: text/plain\r\n\r\n"
        return Array(text.utf8) + file + Array("\r\n--\(boundary)--\r\nignored".utf8)
    }()

    struct Chunks: AsyncIteratorProtocol {
        var chunks: [[UInt8]]
        mutating func next() async throws -> ByteBuffer? {
            chunks.isEmpty ? nil : ByteBuffer(bytes: chunks.removeFirst())
        }
    }

    @Test func everySplitReadsTheSameForm() async throws {
        for split in 0...Self.body.count {
            let chunks = [Array(Self.body[..<split]), Array(Self.body[split...])].filter { !$0.isEmpty }
            let reader = FormDataReader(source: Chunks(chunks: chunks), boundary: Self.boundary)
            let parts = try await reader.readFieldsUpToFile()
            #expect(parts.map(\.name) == ["key", "x-amz-algorithm", "x-amz-signature", "file"], "split \(split)")
            #expect(parts.map(\.value) == ["uploads/a.bin", "AWS4-HMAC-SHA256", "0000", ""], "split \(split)")
            #expect(parts.last?.filename == "a;b.bin" && parts.last?.contentType == "text/plain")
            var file: [UInt8] = []
            while let chunk = try await reader.nextFileChunk() { file += chunk.readableBytesView }
            #expect(file == Self.file, "split \(split)")
        }
    }

    @Test func aTruncatedFormIsMalformed() async {
        let reader = FormDataReader(source: Chunks(chunks: [Array(Self.body.prefix(60))]), boundary: Self.boundary)
        await #expect(throws: S3Error.self) { try await reader.readFieldsUpToFile() }
    }

    @Test func boundaryComesFromTheContentType() {
        #expect(FormDataReader<Chunks>.boundary(contentType: "multipart/form-data; boundary=abc") == "abc")
        #expect(FormDataReader<Chunks>.boundary(contentType: "Multipart/Form-Data; charset=utf-8; boundary=\"a b\"") == "a b")
        #expect(FormDataReader<Chunks>.boundary(contentType: "application/x-www-form-urlencoded") == nil)
    }
}
