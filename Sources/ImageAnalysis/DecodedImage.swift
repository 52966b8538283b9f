/// An image as 8-bit RGB pixels, row by row, three bytes a pixel.
public struct DecodedImage: Sendable, Hashable {
    public var width: Int
    public var height: Int
    /// `width * height * 3` bytes: red, green, blue.
    public var rgb: [UInt8]

    public init(width: Int, height: Int, rgb: [UInt8]) {
        precondition(width > 0 && height > 0 && rgb.count == width * height * 3, "RGB pixels of \(width)x\(height)")
        self.width = width
        self.height = height
        self.rgb = rgb
    }

    /// The image shrunk so that its longer side is at most `maxSide`, each pixel the mean of the block it covers (a box
    /// filter: cheap, and it keeps the colors and mean brightness). An image already that small is returned as it is.
    public func downscaled(maxSide: Int) -> DecodedImage {
        let side = max(width, height)
        guard side > maxSide, maxSide > 0 else { return self }
        let newWidth = max(1, width * maxSide / side)
        let newHeight = max(1, height * maxSide / side)
        var sums = [Int](repeating: 0, count: newWidth * newHeight * 3)
        var counts = [Int](repeating: 0, count: newWidth * newHeight)
        for y in 0..<height {
            let targetRow = y * newHeight / height * newWidth
            for x in 0..<width {
                let target = targetRow + x * newWidth / width
                let source = (y * width + x) * 3
                sums[target * 3] += Int(rgb[source])
                sums[target * 3 + 1] += Int(rgb[source + 1])
                sums[target * 3 + 2] += Int(rgb[source + 2])
                counts[target] += 1
            }
        }
        var pixels = [UInt8](repeating: 0, count: sums.count)
        for index in 0..<counts.count {
            let count = max(1, counts[index])
            for channel in 0..<3 { pixels[index * 3 + channel] = UInt8((sums[index * 3 + channel] + count / 2) / count) }
        }
        return DecodedImage(width: newWidth, height: newHeight, rgb: pixels)
    }
}
