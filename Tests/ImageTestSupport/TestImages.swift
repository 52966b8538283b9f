import CLibPNG
import CTurboJPEG
import ImageAnalysis

/// Images for the tests, encoded by the same system libraries that decode them.
public enum TestImages {
    /// Every pixel of one color.
    public static func solid(width: Int, height: Int, _ color: (UInt8, UInt8, UInt8)) -> DecodedImage {
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for index in stride(from: 0, to: pixels.count, by: 3) {
            (pixels[index], pixels[index + 1], pixels[index + 2]) = color
        }
        return DecodedImage(width: width, height: height, rgb: pixels)
    }

    /// Gray noise from a fixed linear congruential sequence.
    public static func noise(width: Int, height: Int, seed: UInt32) -> DecodedImage {
        var state = seed
        var pixels: [UInt8] = []
        for _ in 0..<(width * height) {
            state = state &* 1_664_525 &+ 1_013_904_223
            let value = UInt8(truncatingIfNeeded: state >> 24)
            pixels += [value, value, value]
        }
        return DecodedImage(width: width, height: height, rgb: pixels)
    }

    /// The image blurred by `passes` 3x3 box filters.
    public static func blurred(_ image: DecodedImage, passes: Int) -> DecodedImage {
        var pixels = image.rgb
        for _ in 0..<passes {
            var next = pixels
            for y in 0..<image.height {
                for x in 0..<image.width {
                    for channel in 0..<3 {
                        var sum = 0
                        var count = 0
                        for dy in -1...1 {
                            for dx in -1...1 {
                                let (nx, ny) = (x + dx, y + dy)
                                guard nx >= 0, ny >= 0, nx < image.width, ny < image.height else { continue }
                                sum += Int(pixels[(ny * image.width + nx) * 3 + channel])
                                count += 1
                            }
                        }
                        next[(y * image.width + x) * 3 + channel] = UInt8(sum / count)
                    }
                }
            }
            pixels = next
        }
        return DecodedImage(width: image.width, height: image.height, rgb: pixels)
    }

    /// The image as a PNG file, written by libpng.
    public static func png(_ image: DecodedImage) -> [UInt8] {
        var control = png_image()
        control.version = png_uint_32(PNG_IMAGE_VERSION)
        control.width = png_uint_32(image.width)
        control.height = png_uint_32(image.height)
        control.format = png_uint_32(PNG_FORMAT_RGB)
        var size: png_alloc_size_t = 0
        image.rgb.withUnsafeBytes { _ = png_image_write_to_memory(&control, nil, &size, 0, $0.baseAddress, 0, nil) }
        var bytes = [UInt8](repeating: 0, count: Int(size))
        bytes.withUnsafeMutableBytes { target in
            image.rgb.withUnsafeBytes { _ = png_image_write_to_memory(&control, target.baseAddress, &size, 0, $0.baseAddress, 0, nil) }
        }
        return Array(bytes.prefix(Int(size)))
    }

    /// The image as a JPEG file, written by libjpeg-turbo.
    public static func jpeg(_ image: DecodedImage, quality: Int32 = 95) -> [UInt8] {
        let handle = tjInitCompress()!
        defer { tjDestroy(handle) }
        var buffer: UnsafeMutablePointer<UInt8>?
        var size: UInt = 0
        let status = image.rgb.withUnsafeBufferPointer { pixels in
            tjCompress2(
                handle, pixels.baseAddress, Int32(image.width), 0, Int32(image.height), Int32(TJPF_RGB.rawValue), &buffer, &size,
                Int32(TJSAMP_444.rawValue), quality, 0
            )
        }
        precondition(status == 0, "tjCompress2 failed")
        defer { tjFree(buffer) }
        return Array(UnsafeBufferPointer(start: buffer, count: Int(size)))
    }
}
