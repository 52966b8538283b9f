import Testing

@testable import Labeling

@Suite struct KMeansTests {
    /// Three tight clouds far apart, interleaved in the input.
    static let points: [[Double]] = (0..<12).map { index in
        let center: [Double] = [[0, 0], [10, 0], [0, 10]][index % 3]
        return [center[0] + Double(index) * 0.01, center[1] - Double(index) * 0.01]
    }

    @Test(arguments: [0, 1, 42] as [UInt64])
    func findsSeparatedCloudsWhateverTheSeed(seed: UInt64) {
        let groups = KMeans(k: 3, seed: seed).assign(Self.points)
        // Numbered by first point: the clouds come in the order 0, 1, 2.
        #expect(groups == (0..<12).map { $0 % 3 })
    }

    @Test func theSameSeedGivesTheSameGroups() {
        var generator = SeededGenerator(seed: 7)
        let noisy = (0..<60).map { _ in [generator.nextUnit(), generator.nextUnit()] }
        #expect(KMeans(k: 5, seed: 3).assign(noisy) == KMeans(k: 5, seed: 3).assign(noisy))
    }

    @Test func everyGroupGetsAPointEvenWhenPointsRepeat() {
        let groups = KMeans(k: 3, seed: 1).assign(Array(repeating: [1.0, 1.0], count: 4))
        #expect(Set(groups) == [0, 1, 2])
    }

    @Test func theGeneratorIsSplitMix64() {
        var generator = SeededGenerator(seed: 0)
        // The first outputs of SplitMix64 seeded with 0, as its reference implementation gives them.
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
    }
}
