/// The checks ModelArts makes of names, descriptions and authors.
enum Validation {
    /// ModelArts names: letters, digits, `_` and `-`.
    static func checkName(_ name: String, what: String, maxLength: Int) throws {
        let allowed = name.unicodeScalars.allSatisfy {
            ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "_" || $0 == "-"
        }
        guard !name.isEmpty, name.count <= maxLength, allowed else {
            throw LabelingError.invalidArgument(
                "The \(what) '\(name)' must have 1 to \(maxLength) characters, only letters, digits, underscores (_) and hyphens (-)"
            )
        }
    }

    static func checkDescription(_ description: String) throws {
        let forbidden: Set<Character> = ["^", "!", "<", ">", "=", "&", "\"", "'"]
        guard description.count <= 256, !description.contains(where: forbidden.contains) else {
            throw LabelingError.invalidArgument("The description must have at most 256 characters, none of ^!<>=&\"'")
        }
    }

    /// An author is a name of 1 to 64 characters without control characters.
    static func checkAuthor(_ author: String) throws {
        guard !author.isEmpty, author.count <= 64, !author.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw LabelingError.invalidArgument("The author '\(author)' must have 1 to 64 characters and no control characters")
        }
    }
}
