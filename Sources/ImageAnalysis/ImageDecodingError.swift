/// Why bytes could not be decoded as an image: said in words, for a task's list of skipped images.
public struct ImageDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    public let reason: String

    init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { reason }

    static let unknownFormat = ImageDecodingError("not a PNG or JPEG file")

    static func tooLarge(width: Int, height: Int) -> ImageDecodingError {
        ImageDecodingError("\(width)x\(height) pixels is more than the \(ImageDecoder.maxPixels) pixels obslab decodes")
    }

    static func corrupt(_ format: String, _ detail: String) -> ImageDecodingError {
        ImageDecodingError("a damaged \(format) file: \(detail)")
    }
}
