/// A failure a command reports to the user in one line, without a stack of Swift types.
struct CLIError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
