/// Review and acceptance scores: A (best) to D.
enum Score {
    static let letters = ["A", "B", "C", "D"]

    /// A 4 … D 1; nil for anything else.
    static func points(_ letter: String) -> Int? {
        letters.firstIndex(of: letter).map { 4 - $0 }
    }

    static func letter(points: Int, count: Int) -> String {
        guard count > 0 else { return "E" }
        let mean = (Double(points) / Double(count)).rounded()
        return letters[max(0, min(3, 4 - Int(mean)))]
    }
}
