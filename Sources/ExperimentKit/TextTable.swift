import Foundation

/// A plain-text table for terminal summaries: columns padded to their widest cell,
/// numbers right-aligned.
public struct TextTable {
    public var headers: [String]
    public var rows: [[String]] = []

    public init(_ headers: String...) {
        self.headers = headers
    }

    public mutating func append(_ cells: String...) {
        rows.append(cells)
    }

    public var rendered: String {
        let widths = headers.indices.map { column in
            ([headers[column]] + rows.map { column < $0.count ? $0[column] : "" }).map(\.count).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            headers.indices.map { column in
                let cell = column < cells.count ? cells[column] : ""
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return looksNumeric(cell) ? padding + cell : cell + padding
            }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        return ([line(headers), rule] + rows.map(line)).joined(separator: "\n")
    }

    private func looksNumeric(_ cell: String) -> Bool {
        !cell.isEmpty && cell.allSatisfy { "0123456789.-+eE×%".contains($0) }
    }
}

// The terminal's numbers, through the report's one formatter (`NumberFormat`).

/// A number in scientific notation with the given significant digits, e.g. 5.63e-9.
public func scientific(_ value: Double, digits: Int = 3) -> String {
    NumberFormat.scientific(max(digits - 1, 0)).format(value)
}

/// A number as people write a learning rate or a threshold: 0.5, 0.0336, 1.62e-4.
public func compactNumber(_ value: Double) -> String {
    NumberFormat.compact.format(value)
}

/// A number with a fixed count of decimals (any magnitude: 1e19 too).
public func formatFixed(_ value: Double, decimals: Int) -> String {
    NumberFormat.fixed(decimals).format(value)
}
