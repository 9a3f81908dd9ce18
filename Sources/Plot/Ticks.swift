import Foundation

/// One tick on an axis: where it is, what it says, and whether it is a major tick.
public struct Tick: Sendable, Equatable {
    /// Data value of the tick.
    public var value: Double
    /// Text written at the tick; empty for unlabelled minor ticks.
    public var label: String
    /// Major ticks get labels and stronger grid lines.
    public var isMajor: Bool

    /// A tick at `value` with the given label.
    public init(value: Double, label: String, isMajor: Bool = true) {
        self.value = value; self.label = label; self.isMajor = isMajor
    }
}

/// Tick placement as pure functions, so that layout can ask for fewer ticks until the
/// labels fit and tests can check the values without drawing anything.
public enum Ticks {
    /// "Nice" ticks (1, 2 or 5 times a power of ten) inside `lower...upper`, at most
    /// `maxCount` of them. Values are built from integers so they carry no float noise.
    public static func linear(lower: Double, upper: Double, maxCount: Int = 6) -> [Tick] {
        guard lower.isFinite, upper.isFinite else { return [] }
        let lo = min(lower, upper), hi = max(lower, upper)
        if lo == hi { return [Tick(value: lo, label: format(lo))] }
        let (mantissa, exponent) = niceStep(span: hi - lo, maxCount: maxCount)
        let step = Double(mantissa) * pow(10, Double(exponent))
        // Beyond ~1e15 steps per bound the integer tick indices would overflow.
        guard abs(lo / step) < 1e15, abs(hi / step) < 1e15 else {
            return [Tick(value: lo, label: format(lo)), Tick(value: hi, label: format(hi))]
        }
        let first = Int((lo / step - 1e-9).rounded(.up))
        let last = Int((hi / step + 1e-9).rounded(.down))
        guard first <= last else { return [] }
        let largest = max(abs(lo), abs(hi))
        let scientific = largest >= 1e6 || exponent <= -5
        return (first...last).map { i in
            let k = i * mantissa
            return Tick(value: exactValue(k, exponent), label: decimalLabel(k, exponent, scientific: scientific))
        }
    }

    /// Log10 ticks: labelled decades (thinned to every n-th decade when there are many),
    /// unlabelled 2 and 5 minor ticks when only a few decades are shown, and labelled
    /// 1-2-5 ticks when the range is too narrow to hold two decades.
    public static func log(lower: Double, upper: Double, maxCount: Int = 8) -> [Tick] {
        guard lower.isFinite, upper.isFinite, lower > 0, upper > 0 else { return [] }
        let a = log10(min(lower, upper)), b = log10(max(lower, upper))
        let lo = pow(10, a) * (1 - 1e-9), hi = pow(10, b) * (1 + 1e-9)
        let firstDecade = Int((a - 1e-9).rounded(.up)), lastDecade = Int((b + 1e-9).rounded(.down))
        let decades = lastDecade - firstDecade + 1
        let cap = max(2, maxCount)
        if decades >= 2 {
            let stride = Int((Double(decades) / Double(cap)).rounded(.up))
            var ticks: [Tick] = []
            for d in firstDecade...lastDecade where d.isMultiple(of: stride) || stride == 1 {
                ticks.append(Tick(value: exactValue(1, d), label: decadeLabel(d)))
            }
            if b - a <= 3.5 {
                for d in Int(a.rounded(.down))...Int(b.rounded(.up)) {
                    for m in [2, 5] {
                        let v = exactValue(m, d)
                        if v >= lo && v <= hi { ticks.append(Tick(value: v, label: "", isMajor: false)) }
                    }
                }
            }
            return ticks.sorted { $0.value < $1.value }
        }
        // Fewer than two decades: label 1-2-5 multiples, dropping the 2s if crowded.
        for multiples in [[1, 2, 5], [1, 5], [1, 3]] {
            var ticks: [Tick] = []
            for d in Int(a.rounded(.down))...Int(b.rounded(.up)) {
                for m in multiples {
                    let v = exactValue(m, d)
                    if v >= lo && v <= hi { ticks.append(Tick(value: v, label: mantissaLabel(m, d))) }
                }
            }
            if ticks.count >= 2 && ticks.count <= cap { return ticks }
        }
        // Narrower than a factor of ~3: linear ticks still read correctly on a log axis.
        return linear(lower: lower, upper: upper, maxCount: min(cap, 4))
    }

    /// The smallest step of the form {1, 2, 5}·10^e that keeps at most `maxCount` ticks
    /// in a span, returned as (mantissa, exponent) so callers can stay in integers.
    public static func niceStep(span: Double, maxCount: Int) -> (mantissa: Int, exponent: Int) {
        let raw = span / Double(max(1, maxCount - 1))
        var exponent = Int(log10(raw).rounded(.down))
        let magnitude = pow(10, Double(exponent))
        for m in [1, 2, 5] where Double(m) * magnitude >= raw * (1 - 1e-9) {
            return (m, exponent)
        }
        exponent += 1
        return (1, exponent)
    }

    /// A short, noise-free label for an arbitrary value (used for single ticks and bounds).
    public static func format(_ value: Double) -> String {
        if value == 0 { return "0" }
        if abs(value) >= 1e6 || abs(value) < 1e-4 {
            return String(format: "%.3g", value).replacingOccurrences(of: "e+", with: "e")
                .replacingOccurrences(of: "e-0", with: "e-").replacingOccurrences(of: "e0", with: "e")
        }
        var s = String(format: "%.4g", value)
        if s.contains(".") && !s.contains("e") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }

    /// "10⁻³": superscripts keep decade labels short and read like the maths.
    public static func decadeLabel(_ exponent: Int) -> String {
        "10" + superscript(exponent)
    }

    static func superscript(_ n: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        let body = String(abs(n)).map { digits[Int(String($0))!] }
        return (n < 0 ? "⁻" : "") + String(body)
    }

    static func mantissaLabel(_ m: Int, _ d: Int) -> String {
        if d >= -4 && d <= 5 { return decimalLabel(m, d, scientific: false) }
        return m == 1 ? decadeLabel(d) : "\(m)×" + decadeLabel(d)
    }

    /// k·10^e as the nearest double: dividing by an exact power of ten rounds once,
    /// which is what keeps 3·0.2 from becoming 0.6000000000000001.
    static func exactValue(_ k: Int, _ e: Int) -> Double {
        e >= 0 ? Double(k) * pow(10, Double(e)) : Double(k) / pow(10, Double(-e))
    }

    /// The decimal text of k·10^e built from digits, never from a float.
    static func decimalLabel(_ k: Int, _ e: Int, scientific: Bool) -> String {
        if k == 0 { return "0" }
        var k = k, e = e
        while k % 10 == 0 { k /= 10; e += 1 }
        let sign = k < 0 ? "-" : ""
        let digits = String(abs(k))
        if scientific {
            let exp = e + digits.count - 1
            let mantissa = digits.count == 1 ? digits : String(digits.prefix(1)) + "." + String(digits.dropFirst())
            return "\(sign)\(mantissa)e\(exp)"
        }
        if e >= 0 { return sign + digits + String(repeating: "0", count: e) }
        let decimals = -e
        let padded = String(repeating: "0", count: max(0, decimals + 1 - digits.count)) + digits
        let split = padded.index(padded.endIndex, offsetBy: -decimals)
        return sign + padded[..<split] + "." + padded[split...]
    }
}
