import ImageAnalysis
import ImageTestSupport
import Testing

@Suite struct ImageFeaturesTests {
    @Test func brightnessFollowsTheLuma() {
        let dark = ImageFeatures(of: TestImages.solid(width: 20, height: 20, (10, 10, 10)))
        let light = ImageFeatures(of: TestImages.solid(width: 20, height: 20, (240, 240, 240)))
        #expect(dark.brightness < 0.1)
        #expect(light.brightness > 0.9)
        #expect(dark.contrast < 1e-9)
    }

    @Test func theHistogramPutsAColorInItsBin() {
        let red = ImageFeatures(of: TestImages.solid(width: 10, height: 10, (250, 0, 0)))
        #expect(red.colorHistogram.count == 64)
        #expect(red.colorHistogram.max() == 1)
        #expect(red.colorHistogram.firstIndex(of: 1) == 3 * 16)
    }

    @Test func noiseIsSharperThanItsBlur() {
        let noise = TestImages.noise(width: 64, height: 64, seed: 9)
        let sharp = ImageFeatures(of: noise).sharpness
        let blurred = ImageFeatures(of: TestImages.blurred(noise, passes: 3)).sharpness
        let flat = ImageFeatures(of: TestImages.solid(width: 64, height: 64, (90, 90, 90))).sharpness
        #expect(sharp > blurred)
        #expect(blurred > flat)
        #expect(flat == 0)
    }

    @Test func theVectorHoldsTheChosenMeasures() {
        let features = ImageFeatures(of: TestImages.noise(width: 8, height: 8, seed: 2))
        #expect(features.vector(.color).count == 64)
        #expect(features.vector(.brightness).count == 2)
        #expect(features.vector(.sharpness) == [features.sharpness])
        #expect(features.vector(.all).count == 67)
    }

    @Test func downscalingKeepsTheMeanColor() {
        let image = TestImages.solid(width: 300, height: 100, (100, 150, 200))
        let small = image.downscaled(maxSide: 64)
        #expect(small.width == 64 && small.height == 21)
        #expect(Set(small.rgb) == [100, 150, 200])
    }
}
