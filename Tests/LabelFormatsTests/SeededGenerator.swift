import Foundation
import LabelFormats

/// SplitMix64: the same seed gives the same "random" annotations on every run and platform.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        self.state = seed
    }

    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random values that every format can hold: names without line breaks or surrounding spaces, finite coordinates.
struct RandomLabels {
    var generator: SeededGenerator

    init(seed: UInt64) {
        self.generator = SeededGenerator(seed: seed)
    }

    /// Letters, digits, XML and JSON specials, inner spaces, accents, CJK and an emoji; never a comma or a tab.
    static let alphabet = Array("abcXYZ019_-.&<>\"'/\\ éß猫狗🐇")

    mutating func name() -> String {
        let length = Int.random(in: 1...12, using: &self.generator)
        var name = String((0..<length).map { _ in Self.alphabet.randomElement(using: &self.generator)! })
        name = name.trimmingSpaces()
        return name.isEmpty ? "x" : name
    }

    mutating func coordinate() -> Double {
        switch Int.random(in: 0..<3, using: &self.generator) {
        case 0: Double(Int.random(in: 0...4000, using: &self.generator))
        case 1: Double(Int.random(in: 0...40000, using: &self.generator)) / 8
        default: Double.random(in: 0..<5000, using: &self.generator)
        }
    }

    mutating func point() -> Point {
        Point(x: self.coordinate(), y: self.coordinate())
    }

    mutating func shape() -> Shape {
        switch Int.random(in: 0..<5, using: &self.generator) {
        case 0:
            let (x1, x2, y1, y2) = (self.coordinate(), self.coordinate(), self.coordinate(), self.coordinate())
            return .boundingBox(xmin: min(x1, x2), ymin: min(y1, y2), xmax: max(x1, x2), ymax: max(y1, y2))
        case 1: return .polygon((0..<Int.random(in: 3...12, using: &self.generator)).map { _ in self.point() })
        case 2: return .point(self.point())
        case 3: return .line((0..<Int.random(in: 2...5, using: &self.generator)).map { _ in self.point() })
        default: return .circle(center: self.point(), radius: self.coordinate())
        }
    }

    mutating func flag() -> Bool? {
        [nil, true, false].randomElement(using: &self.generator)!
    }

    mutating func detection() -> Annotation {
        var annotation = Annotation(name: self.name(), shape: self.shape())
        annotation.pose = Bool.random(using: &self.generator) ? ["Unspecified", "Left", "Frontal"].randomElement(using: &self.generator) : nil
        annotation.truncated = self.flag()
        annotation.occluded = self.flag()
        annotation.difficult = self.flag()
        if Bool.random(using: &self.generator) {
            annotation.properties[Annotation.colorProperty] = String(format: "#%06X", Int.random(in: 0...0xFFFFFF, using: &self.generator))
        }
        if Bool.random(using: &self.generator) {
            annotation.properties["@modelarts:hard"] = Bool.random(using: &self.generator) ? "true" : "false"
            annotation.properties["@modelarts:hard_coefficient"] = "0.\(Int.random(in: 1...9, using: &self.generator))"
        }
        if Bool.random(using: &self.generator) {
            annotation.properties["kind"] = self.name()
        }
        return annotation
    }

    /// Distinct classification labels.
    mutating func classification(maximum: Int = 5) -> [Annotation] {
        var names: [String] = []
        for _ in 0..<Int.random(in: 0...maximum, using: &self.generator) {
            let name = self.name()
            if !names.contains(name) { names.append(name) }
        }
        return names.map { Annotation(name: $0) }
    }
}

extension String {
    func trimmingSpaces() -> String {
        String(self.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
