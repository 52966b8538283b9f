import CLibPNG
import CTurboJPEG

/// Decodes PNG (libpng's simplified API) and JPEG (libjpeg-turbo's TurboJPEG API) into RGB pixels. The format is read
/// from the file's signature, not from its name. A JPEG is decoded already scaled down (libjpeg's DCT scaling) when it
/// is larger than `jpegTargetSide`, which is what makes large photos cheap to analyse.
public enum ImageDecoder {
    /// The most pixels an image may declare: a small file may claim a huge size (a decompression bomb).
    public static let maxPixels = 40_000_000
    /// A JPEG is decoded at the smallest DCT scale whose sides are still at least this (or at full size if smaller).
    public static let jpegTargetSide = 256

    /// - Throws: `ImageDecodingError` naming what is wrong with the bytes.
    public static func decode(_ bytes: [UInt8]) throws(ImageDecodingError) -> DecodedImage {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return try decodePNG(bytes) }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return try decodeJPEG(bytes) }
        throw .unknownFormat
    }

    static func decodePNG(_ bytes: [UInt8]) throws(ImageDecodingError) -> DecodedImage {
        var image = png_image()
        image.version = png_uint_32(PNG_IMAGE_VERSION)
        defer { png_image_free(&image) }
        let begun = bytes.withUnsafeBytes { png_image_begin_read_from_memory(&image, $0.baseAddress, $0.count) }
        guard begun != 0 else { throw .corrupt("PNG", message(of: image)) }
        let width = Int(image.width)
        let height = Int(image.height)
        guard width > 0, height > 0 else { throw .corrupt("PNG", "it declares no pixels") }
        guard width * height <= maxPixels else { throw .tooLarge(width: width, height: height) }
        image.format = png_uint_32(PNG_FORMAT_RGB)
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        let finished = pixels.withUnsafeMutableBytes { buffer in
            bytes.withUnsafeBytes { _ in png_image_finish_read(&image, nil, buffer.baseAddress, 0, nil) }
        }
        guard finished != 0 else { throw .corrupt("PNG", message(of: image)) }
        return DecodedImage(width: width, height: height, rgb: pixels)
    }

    /// libpng's message, a C string in a 64-byte field.
    private static func message(of image: png_image) -> String {
        withUnsafeBytes(of: image.message) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return bytes.isEmpty ? "libpng could not read it" : String(decoding: bytes, as: UTF8.self)
        }
    }

    static func decodeJPEG(_ bytes: [UInt8]) throws(ImageDecodingError) -> DecodedImage {
        guard let handle = tjInitDecompress() else { throw .corrupt("JPEG", "libjpeg-turbo could not start") }
        defer { tjDestroy(handle) }
        var width: Int32 = 0
        var height: Int32 = 0
        var subsampling: Int32 = 0
        var colorspace: Int32 = 0
        let size = UInt(bytes.count)
        let header = bytes.withUnsafeBufferPointer { buffer in
            tjDecompressHeader3(handle, buffer.baseAddress, size, &width, &height, &subsampling, &colorspace)
        }
        guard header == 0 else { throw .corrupt("JPEG", errorText(handle)) }
        guard width > 0, height > 0 else { throw .corrupt("JPEG", "it declares no pixels") }
        guard Int(width) * Int(height) <= maxPixels else {
            throw .tooLarge(width: Int(width), height: Int(height))
        }
        let (scaledWidth, scaledHeight) = scaledSize(width: Int(width), height: Int(height))
        var pixels = [UInt8](repeating: 0, count: scaledWidth * scaledHeight * 3)
        let status = pixels.withUnsafeMutableBufferPointer { target in
            bytes.withUnsafeBufferPointer { source in
                tjDecompress2(
                    handle, source.baseAddress, size, target.baseAddress, Int32(scaledWidth), 0, Int32(scaledHeight),
                    Int32(TJPF_RGB.rawValue), 0
                )
            }
        }
        // A warning (a truncated file whose first rows decoded) still gives pixels: only an error fails.
        if status != 0 && tjGetErrorCode(handle) == Int32(TJERR_FATAL.rawValue) { throw .corrupt("JPEG", errorText(handle)) }
        return DecodedImage(width: scaledWidth, height: scaledHeight, rgb: pixels)
    }

    /// The size of the smallest DCT scaling (1/8 … 1) whose sides are both at least `jpegTargetSide`, or full size.
    static func scaledSize(width: Int, height: Int) -> (Int, Int) {
        var best = (width, height)
        for denominator in [2, 4, 8] {
            let scaled = ((width + denominator - 1) / denominator, (height + denominator - 1) / denominator)
            guard min(scaled.0, scaled.1) >= jpegTargetSide else { break }
            best = scaled
        }
        return best
    }

    private static func errorText(_ handle: tjhandle) -> String {
        guard let text = tjGetErrorStr2(handle) else { return "libjpeg-turbo could not read it" }
        return String(cString: text)
    }
}
