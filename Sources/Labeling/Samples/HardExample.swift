/// What a user says of a sample's difficulty ("hard examples"): whether it is one, the reasons (ModelArts's reason ids
/// 0 to 30, such as 1 "the confidence is low") and a difficulty coefficient in [0, 1]. Not hard clears both.
public struct HardExample: Sendable, Hashable {
    public var isHard: Bool
    public var reasons: [Int]
    public var coefficient: Double?

    /// ModelArts's hard-example reasons: 0 ("no target objects are identified") to 30 ("the data is predicted to be
    /// abnormal").
    public static let reasonIds = 0...30

    /// - Throws: `LabelingError.invalidArgument` for a reason outside `reasonIds`, a coefficient outside [0, 1], or
    ///   reasons or a coefficient for a sample said not to be hard.
    public init(isHard: Bool, reasons: [Int] = [], coefficient: Double? = nil) throws {
        if let reason = reasons.first(where: { !Self.reasonIds.contains($0) }) {
            throw LabelingError.invalidArgument("Hard-example reason \(reason) is not one of ModelArts's reasons 0 to 30")
        }
        if let coefficient, !(0...1).contains(coefficient) {
            throw LabelingError.invalidArgument("A hard-example coefficient must be between 0 and 1, not \(coefficient)")
        }
        if !isHard && (!reasons.isEmpty || coefficient != nil) {
            throw LabelingError.invalidArgument("A sample that is not a hard example has no hard-example reasons or coefficient")
        }
        self.isHard = isHard
        self.reasons = reasons
        self.coefficient = coefficient
    }
}
