import ImageAnalysis
import ImageTestSupport
import Testing

@Suite struct ImageDecoderTests {
    @Test func decodesThePixelsLibpngWrote() throws {
        let image = TestImages.noise(width: 7, height: 5, seed: 3)
        let decoded = try ImageDecoder.decode(TestImages.png(image))
        #expect(decoded == image)
    }

    @Test func decodesAJPEGCloseToItsPixels() throws {
        let image = TestImages.solid(width: 40, height: 30, (200, 30, 40))
        let decoded = try ImageDecoder.decode(TestImages.jpeg(image))
        #expect(decoded.width == 40 && decoded.height == 30)
        let worst = zip(decoded.rgb, image.rgb).map { abs(Int($0) - Int($1)) }.max() ?? 0
        #expect(worst <= 8)
    }

    @Test func decodesALargeJPEGScaledDown() throws {
        let image = TestImages.solid(width: 1200, height: 800, (10, 200, 10))
        let decoded = try ImageDecoder.decode(TestImages.jpeg(image))
        // 1/2 scale: 1/4 would make the short side 200, under `jpegTargetSide`.
        #expect(decoded.width == 600 && decoded.height == 400)
    }

    @Test(arguments: [
        ([UInt8]("GIF89a".utf8), "not a PNG or JPEG"),
        ([], "not a PNG or JPEG"),
    ])
    func refusesWhatIsNotAnImage(bytes: [UInt8], reason: String) {
        #expect { try ImageDecoder.decode(bytes) } throws: { ($0 as? ImageDecodingError)?.reason.contains(reason) == true }
    }

    @Test func refusesADamagedPNGAndJPEG() {
        let image = TestImages.noise(width: 16, height: 16, seed: 1)
        for file in [TestImages.png(image), TestImages.jpeg(image)] {
            let damaged = Array(file.prefix(40))
            #expect { try ImageDecoder.decode(damaged) } throws: { ($0 as? ImageDecodingError)?.reason.contains("damaged") == true }
        }
    }
}
