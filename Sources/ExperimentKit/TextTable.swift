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

/// A number in scientific notation with the given significant digits, e.g. 5.63e-09.
public func scientific(_ value: Double, digits: Int = 3) -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "inf" : "-inf") }
    if value == 0 { return "0" }
    var exponent = Int((abs(value)).log10Floor)
    var mantissa = value / pow10(exponent)
    let rounding = pow10(digits - 1)
    mantissa = (mantissa * rounding).rounded() / rounding
    if abs(mantissa) >= 10 { mantissa /= 10; exponent += 1 }
    let sign = exponent < 0 ? "-" : "+"
    let magnitude = abs(exponent)
    return "\(formatFixed(mantissa, decimals: digits - 1))e\(sign)\(magnitude < 10 ? "0" : "")\(magnitude)"
}

/// A number as people write a learning rate or a threshold: three significant digits at
/// most, no trailing zeros, scientific outside [0.001, 10000) — 0.5, 0.0336, 1.62e-04.
public func compactNumber(_ value: Double) -> String {
    guard value.isFinite, value != 0 else { return value == 0 ? "0" : scientific(value) }
    let magnitude = abs(value)
    guard magnitude >= 0.001 && magnitude < 10_000 else {
        return scientific(value).replacingOccurrences(of: ".00e", with: "e")
    }
    let decimals = max(0, 2 - Int(magnitude.log10Floor))
    var text = formatFixed(value, decimals: decimals)
    if text.contains(".") {
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
    }
    return text
}

/// A number with a fixed count of decimals, without Foundation's locale.
public func formatFixed(_ value: Double, decimals: Int) -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "inf" : "-inf") }
    let scale = pow10(decimals)
    let scaled = (abs(value) * scale).rounded()
    let whole = Int(scaled / scale)
    let fraction = Int(scaled - Double(whole) * scale)
    let sign = value < 0 && scaled != 0 ? "-" : ""
    guard decimals > 0 else { return "\(sign)\(whole)" }
    let digits = String(fraction)
    return "\(sign)\(whole)." + String(repeating: "0", count: decimals - digits.count) + digits
}

private func pow10(_ exponent: Int) -> Double {
    var result = 1.0
    for _ in 0..<abs(exponent) { result *= 10 }
    return exponent < 0 ? 1 / result : result
}

private extension Double {
    var log10Floor: Double {
        var exponent = 0.0
        var x = self
        while x >= 10 { x /= 10; exponent += 1 }
        while x < 1 { x *= 10; exponent -= 1 }
        return exponent
    }
}
