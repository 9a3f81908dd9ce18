import Foundation

/// Arrays printed as numpy prints them in the notebooks (`print(W_grads[0])`), so our output
/// can be set beside theirs: at most 8 decimals, trailing zeros dropped ("1." for 1.0),
/// columns aligned on the decimal point, rows in brackets.
///
///     [[0.07682091 0.06931737]
///      [0.07682091 0.06931737]]
///
/// Only numpy's fixed-point layout: it switches to exponents for values below 1e-4 or above
/// 1e8, which notebook 000's numbers never are.
enum NumpyStyle {
    static func array(_ rows: [[Double]]) -> String {
        let cells = rows.map { $0.map(decimal) }
        let integerWidth = cells.joined().map { $0.prefix { $0 != "." }.count }.max() ?? 0
        let fractionWidth = cells.joined().map { $0.drop { $0 != "." }.count }.max() ?? 0
        let padded = cells.map { row in
            row.map { cell in
                let integer = cell.prefix { $0 != "." }, fraction = cell.drop { $0 != "." }
                return String(repeating: " ", count: integerWidth - integer.count) + integer
                    + fraction + String(repeating: " ", count: fractionWidth - fraction.count)
            }
        }
        return "[" + padded.map { "[" + $0.joined(separator: " ") + "]" }.joined(separator: "\n ") + "]"
    }

    /// The shortest digits that read back as `value`, rounded to 8 decimals when longer.
    static func decimal(_ value: Double) -> String {
        var text = value.description
        if let point = text.firstIndex(of: "."), text.distance(from: point, to: text.endIndex) - 1 > 8 || text.contains("e") {
            text = String(format: "%.8f", value)
        }
        if !text.contains(".") { text += "." }
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
