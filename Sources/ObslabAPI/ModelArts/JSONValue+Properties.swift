import LabelFormats

/// Reading and writing ModelArts `property` values, which mix strings (`@modelarts:color`) and lists of points
/// (`@modelarts:feature`).
extension JSONValue {
    /// The string, or nil for any other kind of value.
    public var stringValue: String? {
        if case .string(let value) = self { value } else { nil }
    }

    /// A list of lists of numbers, such as `@modelarts:feature`; nil when the value has another shape.
    public var numberRows: [[Double]]? {
        guard case .array(let rows) = self else { return nil }
        var result: [[Double]] = []
        for row in rows {
            guard case .array(let cells) = row else { return nil }
            var numbers: [Double] = []
            for cell in cells {
                guard case .number(let number) = cell else { return nil }
                numbers.append(number)
            }
            result.append(numbers)
        }
        return result
    }

    public init(numberRows: [[Double]]) {
        self = .array(numberRows.map { .array($0.map { .number($0) }) })
    }
}
