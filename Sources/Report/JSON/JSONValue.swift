import Foundation

/// A JSON value: the raw numbers an experiment keeps in `metrics.json` (its `values`), and
/// any other JSON the executables read or write. Encoding sorts keys, so identical runs give
/// byte-identical files.
public indirect enum JSONValue: Equatable, Sendable {
    case number(Double)
    case integer(Int)
    /// An integer above `Int.max` (a seed ≥ 2⁶³). Make integers with `.of(_:)`
    /// so that a value is `.integer` whenever it fits, as the decoder reads it.
    case unsigned(UInt64)
    case string(String)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])
    case null

    /// Parses UTF-8 JSON text (through Foundation's decoder).
    public static func parse(_ data: Data) throws -> JSONValue {
        try MetricsCoding.decoder().decode(JSONValue.self, from: data)
    }

    /// The value for `key` when this is an object.
    public subscript(key: String) -> JSONValue? {
        if case .object(let values) = self { return values[key] }
        return nil
    }

    /// Pretty-printed UTF-8 with sorted keys and a final newline.
    public func encoded() throws -> Data {
        try MetricsCoding.encode(self)
    }
}

extension JSONValue: Codable {
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        // JSON has no NaN or infinity; a diverged run's loss is written as a string.
        case .number(let value) where value.isNaN: try container.encode("NaN")
        case .number(let value) where value.isInfinite: try container.encode(value > 0 ? "Infinity" : "-Infinity")
        case .number(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .unsigned(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .array(let values): try container.encode(values)
        case .object(let values): try container.encode(values)
        case .null: try container.encodeNil()
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int.self) { self = .integer(value) }
        else if let value = try? container.decode(UInt64.self) { self = .unsigned(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }
}

extension JSONValue: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension JSONValue {
    /// A number from any floating-point value.
    public static func of<T: BinaryFloatingPoint>(_ value: T) -> JSONValue { .number(Double(value)) }
    /// An array of numbers.
    public static func of<T: BinaryFloatingPoint>(_ values: [T]) -> JSONValue { .array(values.map { .number(Double($0)) }) }
    /// An integer of any width, exactly: `.integer` when it fits in `Int`, else `.unsigned`
    /// (`.of(seed)` records any `--seed`, up to 2⁶⁴ − 1).
    public static func of<T: BinaryInteger>(_ value: T) -> JSONValue {
        if let integer = Int(exactly: value) { return .integer(integer) }
        if let unsigned = UInt64(exactly: value) { return .unsigned(unsigned) }
        // Only integer types wider than 64 bits get here; JSON readers keep 53 bits at least.
        return .number(Double(value))
    }
}
