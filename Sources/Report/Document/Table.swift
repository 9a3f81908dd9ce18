extension ExperimentDocument {
    /// A result table: human column names with units, one format per column, raw numbers
    /// in the cells.
    ///
    /// ```swift
    /// var table = ExperimentDocument.Table("Test accuracy over 5 seeds", columns: [
    ///     .init("configuration"), .init("mean", unit: "%", format: .percent(2)),
    ///     .init("spread (min–max)", unit: "%")])
    /// table.addRow("mlp", 0.9826, "97.90–98.20")
    /// ```
    public struct Table: Hashable, Sendable, Codable {
        /// A heading above the table ("Final loss after 2 000 steps").
        public var title: String
        /// What to read from the table.
        public var caption: Markdown?
        public var columns: [Column]
        /// Cells by row, as many per row as there are columns.
        public var rows: [[Value]] = []

        public init(_ title: String, columns: [Column], caption: Markdown? = nil) {
            self.title = title
            self.columns = columns
            self.caption = caption
        }

        /// Appends a row; as many cells as columns: `addRow("Adam", 5.6e-4, 812)`.
        public mutating func addRow(_ cells: any ValueConvertible...) {
            addRow(cells)
        }

        /// Appends a row of `cells`, as many as columns.
        public mutating func addRow(_ cells: [any ValueConvertible]) {
            if cells.count != columns.count {
                fatalError("table \"\(title)\" has \(columns.count) columns, a row of \(cells.count) cells was added")
            }
            rows.append(cells.map(\.reportValue))
        }

        /// A column: its name, its unit, how its numbers are shown.
        public struct Column: Hashable, Sendable, Codable {
            /// Human name: "final ½·MSE", not `adam_final_loss`.
            public var name: String
            /// Shown beside the name: "steps", "%", "s".
            public var unit: String?
            public var format: NumberFormat

            public init(_ name: String, unit: String? = nil, format: NumberFormat = .automatic) {
                self.name = name
                self.unit = unit
                self.format = format
            }

            public init(from decoder: Decoder) throws {
                let c = try decoder.container(keyedBy: CodingKeys.self)
                name = try c.decode(String.self, forKey: .name)
                unit = try c.decodeIfPresent(String.self, forKey: .unit)
                format = try c.decodeIfPresent(NumberFormat.self, forKey: .format) ?? .automatic
            }
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            title = try c.decode(String.self, forKey: .title)
            caption = try c.decodeIfPresent(Markdown.self, forKey: .caption)
            columns = try c.decode([Column].self, forKey: .columns)
            rows = try c.decodeIfPresent([[Value]].self, forKey: .rows) ?? []
            if let row = rows.firstIndex(where: { $0.count != columns.count }) {
                throw DecodingError.dataCorruptedError(forKey: .rows, in: c, debugDescription:
                    "table \"\(title)\": row \(row) has \(rows[row].count) cells for \(columns.count) columns")
            }
        }
    }
}
