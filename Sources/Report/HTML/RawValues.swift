/// The document's raw numbers as rows for the collapsed table at the end of a page:
/// nested objects become `a.b` keys, long arrays a summary, so every entry fits on a line.
enum RawValues {
    static func rows(_ values: [String: JSONValue]) -> [(key: String, value: String)] {
        var rows: [(String, String)] = []
        for (key, value) in values.sorted(by: { $0.key < $1.key }) { flatten(key, value, into: &rows) }
        return rows
    }

    private static func flatten(_ key: String, _ value: JSONValue, into rows: inout [(String, String)]) {
        if case .object(let members) = value, !members.isEmpty {
            for (inner, v) in members.sorted(by: { $0.key < $1.key }) { flatten("\(key).\(inner)", v, into: &rows) }
        } else {
            rows.append((key, describe(value)))
        }
    }

    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let x): return NumberFormat.automatic.format(x)
        case .integer(let n): return String(n)
        case .unsigned(let n): return String(n)
        case .string(let s): return s
        case .object(let members):
            return "{" + members.sorted(by: { $0.key < $1.key }).map { "\($0.key): \(describe($0.value))" }.joined(separator: ", ") + "}"
        case .array(let items):
            if items.count > 8 {
                return "[\(items.count) values: first \(describe(items.first!)), last \(describe(items.last!))]"
            }
            return "[" + items.map(describe).joined(separator: ", ") + "]"
        }
    }
}
