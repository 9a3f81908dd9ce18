extension ExperimentDocument {
    /// A table cell or hyper-parameter value: a number (kept exact; shown in a
    /// ``NumberFormat``), text, or nothing. In `metrics.json`: a number, a string or null
    /// (NaN and ±∞ as the strings "NaN", "Infinity", "-Infinity", which read back as numbers).
    public enum Value: Hashable, Sendable, Codable {
        case number(Double)
        case text(String)
        case missing

        public init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .missing }
            else if let number = try? container.decode(Double.self) { self = .number(number) }
            else { self = .text(try container.decode(String.self)) }
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .number(let number): try container.encode(number)
            case .text(let text): try container.encode(text)
            case .missing: try container.encodeNil()
            }
        }

        /// The value as shown; numbers in `format`, nothing as an en dash.
        public func formatted(_ format: NumberFormat = .automatic) -> String {
            switch self {
            case .number(let number): format.format(number)
            case .text(let text): text
            case .missing: "–"
            }
        }

        /// Whether this is a number (numeric columns are right-aligned).
        var isNumber: Bool { if case .number = self { true } else { false } }
    }
}

extension ExperimentDocument.Value: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(stringLiteral value: String) { self = .text(value) }
}

/// What can stand in a table cell or a hyper-parameter: numbers, strings, optionals of them
/// (nil shows as "–"), and ``ExperimentDocument/Value`` itself.
public protocol ValueConvertible {
    var reportValue: ExperimentDocument.Value { get }
}

extension ExperimentDocument.Value: ValueConvertible { public var reportValue: Self { self } }
extension Double: ValueConvertible { public var reportValue: ExperimentDocument.Value { .number(self) } }
extension Float: ValueConvertible { public var reportValue: ExperimentDocument.Value { .number(Double(self)) } }
extension Int: ValueConvertible { public var reportValue: ExperimentDocument.Value { .number(Double(self)) } }
extension String: ValueConvertible { public var reportValue: ExperimentDocument.Value { .text(self) } }
extension Substring: ValueConvertible { public var reportValue: ExperimentDocument.Value { .text(String(self)) } }
extension Optional: ValueConvertible where Wrapped: ValueConvertible {
    public var reportValue: ExperimentDocument.Value { self?.reportValue ?? .missing }
}
