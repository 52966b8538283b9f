import GRDB

/// The positions of the columns of one statement's rows, by name, found once for all of its rows: a record then reads
/// its columns by position (`ObjectVersionRecord.Layout`).
struct ColumnPositions {
    private let row: Row
    private let positions: [String: Int]

    init(_ row: Row) {
        self.row = row
        positions = Dictionary(row.columnNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The position of `column`, named as the table declares it or, as SQLite compares names, in another case.
    /// - Throws: `MissingColumn` when the statement does not select `column`.
    func callAsFunction(_ column: Column) throws -> Int {
        if let position = positions[column.name] { return position }
        let name = column.name.lowercased()
        guard let position = row.columnNames.enumerated().first(where: { $0.element.lowercased() == name })?.offset else {
            throw MissingColumn(name: column.name)
        }
        return position
    }

    /// A statement that does not select a column its record reads.
    struct MissingColumn: Error, CustomStringConvertible {
        let name: String
        var description: String { "the catalog row has no column \(name)" }
    }
}
