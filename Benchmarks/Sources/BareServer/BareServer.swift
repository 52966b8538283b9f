import ArgumentParser
import Hummingbird
import NIOCore

/// The peer that shows the HTTP stack's limit: Hummingbird answering the same bytes as obslab from memory, with no
/// storage, signature or XML. GET and HEAD of a path ending in a number N answer N bytes (streamed in 1 MiB pieces);
/// any other path answers 4 KiB. PUT reads the whole body and answers 200. Query strings (presigned signatures) are
/// ignored, so the load generator sends the very requests it sends obslab.
@main
struct BareServer: AsyncParsableCommand {
    @Option(help: "Port to listen on (0: any; the port is printed).") var port = 0

    static let piece = ByteBuffer(repeating: 0x5A, count: 1 << 20)
    static let small = ByteBuffer(repeating: 0x5A, count: 4096)

    func run() async throws {
        let router = Router()
        router.get("**") { request, _ in Self.answer(request, withBody: true) }
        router.head("**") { request, _ in Self.answer(request, withBody: false) }
        router.put("**") { request, _ -> Response in
            var size = 0
            for try await chunk in request.body { size += chunk.readableBytes }
            return Response(status: .ok, headers: [.eTag: "\"\(size)\""])
        }
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in print("bare server listening on \(channel.localAddress!.port!)") }
        )
        try await app.runService()
    }

    static func answer(_ request: Request, withBody: Bool) -> Response {
        let size = request.uri.path.split(separator: "/").last.flatMap { Int($0) } ?? small.readableBytes
        let headers: HTTPFields = [.contentLength: String(size), .eTag: "\"bare\""]
        guard withBody else { return Response(status: .ok, headers: headers) }
        if size == small.readableBytes { return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: small)) }
        return Response(
            status: .ok,
            headers: headers,
            body: ResponseBody(contentLength: size) { writer in
                var left = size
                while left > 0 {
                    let count = min(left, piece.readableBytes)
                    try await writer.write(piece.getSlice(at: 0, length: count)!)
                    left -= count
                }
                try await writer.finish(nil)
            }
        )
    }
}
