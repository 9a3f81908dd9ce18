import Foundation

/// How a number is shown in the report: in a table column, a hyper-parameter or Markdown
/// interpolation. The number itself stays exact in `metrics.json`; only its display changes.
///
/// In `metrics.json` a format is a short string: `"automatic"`, `"integer"`, `"fixed:2"`,
/// `"significant:3"`, `"scientific:2"`, `"percent:1"`, `"compact"`.
public enum NumberFormat: Hashable, Sendable {
    /// About four significant digits; integers as integers (grouped from 10 000 on);
    /// scientific below 10⁻⁴ and from 10⁶ (except integers).
    case automatic
    /// Rounded to a whole number.
    case integer
    /// A fixed number of decimals: `.fixed(2)` shows 0.5 as "0.50".
    case fixed(Int)
    /// A number of significant digits: `.significant(3)` shows 0.012345 as "0.0123".
    case significant(Int)
    /// Mantissa with `digits` decimals and a short exponent: `.scientific(2)` shows 0.00056 as "5.60e-4".
    case scientific(Int)
    /// A fraction shown as percent with `decimals` decimals, without the sign (the column's
    /// unit or the sentence says "%"): `.percent(1)` shows 0.9823 as "98.2".
    case percent(Int)
    /// As people write a learning rate or a threshold: three significant digits at most, no
    /// trailing zeros, scientific outside [0.001, 10 000): "0.5", "0.0336", "1.83e-4".
    case compact

    /// `value` as text. NaN shows as "NaN", infinities as "∞" and "−∞".
    public func format(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "−∞") }
        switch self {
        case .automatic: return Self.automatic(value)
        case .integer: return Self.grouped(String(format: "%.0f", value.rounded()))
        case .fixed(let decimals): return Self.withoutNegativeZero(String(format: "%.\(max(0, decimals))f", value))
        case .significant(let digits): return Self.significant(value, digits: max(1, digits))
        case .scientific(let digits): return Self.scientific(value, digits: max(0, digits))
        case .percent(let decimals): return Self.withoutNegativeZero(String(format: "%.\(max(0, decimals))f", 100 * value))
        case .compact:
            let magnitude = abs(value)
            guard value != 0 else { return "0" }
            guard magnitude >= 0.001 && magnitude < 10_000 else { return Self.scientific(value, digits: 2).replacingOccurrences(of: ".00e", with: "e") }
            return Self.trimmingZeros(Self.significant(value, digits: 3))
        }
    }

    /// "-0.00" (a tiny negative rounded away) as "0.00".
    private static func withoutNegativeZero(_ text: String) -> String {
        text.hasPrefix("-") && text.dropFirst().allSatisfy { $0 == "0" || $0 == "." } ? String(text.dropFirst()) : text
    }

    private static func automatic(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return grouped(String(Int64(x))) }
        let a = abs(x)
        if a >= 1e6 || a < 1e-4 { return scientific(x, digits: 3) }
        return trimmingZeros(significant(x, digits: 4))
    }

    /// Digits in groups of three from 10 000 on ("100 000", narrow no-break spaces), as
    /// typeset tables do; four-digit numbers ("2000") stay whole.
    static func grouped(_ integer: String) -> String {
        let digits = integer.drop(while: { $0 == "-" })
        guard digits.count >= 5, digits.allSatisfy(\.isNumber) else { return integer }
        var out = ""
        for (i, digit) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append("\u{202F}") }
            out.append(digit)
        }
        return (integer.hasPrefix("-") ? "-" : "") + out
    }

    private static func significant(_ x: Double, digits: Int) -> String {
        guard x != 0 else { return "0" }
        let magnitude = Int(log10(abs(x)).rounded(.down))
        return String(format: "%.\(max(0, digits - 1 - magnitude))f", x)
    }

    /// "5.60e-4" rather than printf's "5.60e-04": the report is read, not parsed.
    private static func scientific(_ x: Double, digits: Int) -> String {
        if x == 0 { return "0" }
        let text = String(format: "%.\(digits)e", x)
        guard let e = text.firstIndex(of: "e") else { return text }
        let mantissa = text[..<e]
        var exponent = text[text.index(after: e)...]
        let negative = exponent.hasPrefix("-")
        exponent = exponent.drop(while: { $0 == "+" || $0 == "-" })
        let digitsOfExponent = exponent.drop(while: { $0 == "0" })
        return "\(mantissa)e\(negative ? "-" : "")\(digitsOfExponent.isEmpty ? "0" : digitsOfExponent)"
    }

    private static func trimmingZeros(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var s = Substring(text)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return String(s)
    }
}

extension NumberFormat: Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let format = NumberFormat(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription:
                "unknown number format \"\(text)\" (expected automatic, integer, fixed:N, significant:N, scientific:N or percent:N)")
        }
        self = format
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    /// The string form used in `metrics.json`.
    var text: String {
        switch self {
        case .automatic: "automatic"
        case .integer: "integer"
        case .fixed(let n): "fixed:\(n)"
        case .significant(let n): "significant:\(n)"
        case .scientific(let n): "scientific:\(n)"
        case .percent(let n): "percent:\(n)"
        case .compact: "compact"
        }
    }

    init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        switch (parts.first.map(String.init), parts.count == 2 ? Int(parts[1]) : nil, parts.count) {
        case ("automatic"?, _, 1): self = .automatic
        case ("integer"?, _, 1): self = .integer
        case ("compact"?, _, 1): self = .compact
        case ("fixed"?, let n?, 2) where n >= 0: self = .fixed(n)
        case ("significant"?, let n?, 2) where n >= 1: self = .significant(n)
        case ("scientific"?, let n?, 2) where n >= 0: self = .scientific(n)
        case ("percent"?, let n?, 2) where n >= 0: self = .percent(n)
        default: return nil
        }
    }
}
