import Foundation

/// What auto grouping measures of an image, each dimension scaled to about [0, 1] so that none outweighs the others in
/// a distance: the "Advanced Feature Settings" of ModelArts's Auto Grouping dialog (color, brightness, clarity).
public struct ImageFeatures: Sendable, Hashable {
    /// Which measures make up `vector`.
    public struct Selection: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// A coarse RGB histogram ("Color", ModelArts `image_colorfulness`).
        public static let color = Selection(rawValue: 1)
        /// Mean and spread of the luma ("Brightness", `image_brightness`).
        public static let brightness = Selection(rawValue: 2)
        /// Variance of the Laplacian of the luma ("Clarity", `ambiguity`): high for sharp edges and noise, low for blur.
        public static let sharpness = Selection(rawValue: 4)
        public static let all: Selection = [.color, .brightness, .sharpness]
    }

    /// Images are measured at this size (longer side): enough for color, brightness and blur, and cheap.
    public static let analysisSide = 64
    /// Levels per channel of the color histogram: 4 × 4 × 4 bins.
    static let colorLevels = 4

    /// Fractions of the pixels in each of the 64 color bins.
    public var colorHistogram: [Double]
    /// Mean luma in [0, 1].
    public var brightness: Double
    /// Standard deviation of the luma in [0, 0.5].
    public var contrast: Double
    /// log(1 + variance of the Laplacian) over its largest possible value: in [0, 1].
    public var sharpness: Double

    /// Measures the image, shrunk to `analysisSide` first.
    public init(of image: DecodedImage) {
        let small = image.downscaled(maxSide: Self.analysisSide)
        let count = small.width * small.height
        var histogram = [Double](repeating: 0, count: Self.colorLevels * Self.colorLevels * Self.colorLevels)
        var luma = [Double](repeating: 0, count: count)
        for index in 0..<count {
            let red = Int(small.rgb[index * 3])
            let green = Int(small.rgb[index * 3 + 1])
            let blue = Int(small.rgb[index * 3 + 2])
            let bin =
                (red * Self.colorLevels / 256 * Self.colorLevels + green * Self.colorLevels / 256) * Self.colorLevels
                + blue * Self.colorLevels / 256
            histogram[bin] += 1
            luma[index] = (0.299 * Double(red) + 0.587 * Double(green) + 0.114 * Double(blue)) / 255
        }
        colorHistogram = histogram.map { $0 / Double(count) }
        let mean = luma.reduce(0, +) / Double(count)
        brightness = mean
        contrast = (luma.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(count)).squareRoot()
        sharpness = Self.laplacianSharpness(luma, width: small.width, height: small.height)
    }

    /// The measures chosen, as one vector for clustering. The histogram is scaled by 1/√2, the largest distance between
    /// two histograms, so each measure spans about [0, 1].
    public func vector(_ selection: Selection) -> [Double] {
        var vector: [Double] = []
        if selection.contains(.color) { vector += colorHistogram.map { $0 / 2.0.squareRoot() } }
        if selection.contains(.brightness) { vector += [brightness, contrast * 2] }
        if selection.contains(.sharpness) { vector.append(sharpness) }
        return vector
    }

    /// The variance of the 4-neighbour Laplacian over the inner pixels (luma in [0, 1]), on a log scale: its largest
    /// value (a checkerboard) is 16, so log(1 + 100 v) / log(1 + 1600) stays within [0, 1] and spreads the small
    /// values that blurred images have.
    static func laplacianSharpness(_ luma: [Double], width: Int, height: Int) -> Double {
        guard width >= 3, height >= 3 else { return 0 }
        var values: [Double] = []
        values.reserveCapacity((width - 2) * (height - 2))
        for y in 1..<(height - 1) {
            for x in 1..<(width - 1) {
                let center = y * width + x
                values.append(luma[center - 1] + luma[center + 1] + luma[center - width] + luma[center + width] - 4 * luma[center])
            }
        }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        return min(1, log1p(100 * variance) / log1p(1600))
    }
}
