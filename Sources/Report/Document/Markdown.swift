/// Markdown text for the report: a question, a caption, a conclusion. The report renders it
/// with Ink, which passes raw HTML through, so text that comes from data (a label, a file
/// name, an error message) must be escaped before it becomes Markdown.
///
/// Interpolation does that: literal text is Markdown as written, interpolated strings are
/// escaped, numbers are formatted, and interpolated `Markdown` is kept as it is.
///
/// ```swift
/// let conclusion: Markdown = """
///     **Adam** reached ½·MSE ≤ \(threshold) from \(successes) of \(seeds) initialisations, \
///     gradient descent from \(gdSuccesses); the best run, \(label), ended at \(best, format: .scientific(2)).
///     """
/// ```
public struct Markdown: Hashable, Sendable, Codable {
    /// The Markdown source.
    public var source: String

    /// Markdown as written (trusted: it is rendered, raw HTML included).
    public init(_ source: String) { self.source = source }

    /// Text shown literally, whatever characters it holds.
    public init(escaping text: String) { source = Markdown.escape(text) }

    /// Whether there is nothing to show.
    public var isEmpty: Bool { source.allSatisfy(\.isWhitespace) }

    public init(from decoder: Decoder) throws { source = try decoder.singleValueContainer().decode(String.self) }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(source)
    }

    /// `text` as Markdown that renders as exactly this text on one line.
    ///
    /// Characters that Ink reads as syntax become HTML character references (`*` → `&#42;`),
    /// which Ink passes through and the browser shows as the character: `& < > * _ ~ `` ` ``
    /// `[ ] \` anywhere; `# > - + |` and a number's `.` or `)` where they would open a
    /// heading, quote, list or table, at the start of the text (`atLineStart`). Line breaks
    /// become spaces, so data cannot start a block of its own.
    public static func escape(_ text: String, atLineStart: Bool = true) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        var lineStart = atLineStart   // still within leading spaces of a line
        var leadingDigits = false     // the line so far is spaces then digits
        for character in text {
            let c: Character = character.isNewline ? " " : character
            if let reference = alwaysEscaped[c] {
                out += reference
            } else if lineStart, let reference = escapedAtLineStart[c] {
                out += reference
            } else if leadingDigits, c == "." || c == ")" {
                out += c == "." ? "&#46;" : "&#41;"
            } else {
                out.append(c)
            }
            if c == " " { leadingDigits = false; continue }
            leadingDigits = (lineStart || leadingDigits) && c.isASCII && c.isNumber
            lineStart = false
        }
        return out
    }

    private static let alwaysEscaped: [Character: String] = [
        "&": "&amp;", "<": "&lt;", ">": "&gt;", "*": "&#42;", "_": "&#95;", "~": "&#126;",
        "`": "&#96;", "[": "&#91;", "]": "&#93;", "\\": "&#92;",
    ]
    private static let escapedAtLineStart: [Character: String] = [
        "#": "&#35;", "-": "&#45;", "+": "&#43;", "|": "&#124;",
    ]
}

extension Markdown: ExpressibleByStringInterpolation {
    public init(stringLiteral value: String) { source = value }
    public init(stringInterpolation: StringInterpolation) { source = stringInterpolation.source }

    /// Builds Markdown from literal Markdown and escaped values.
    public struct StringInterpolation: StringInterpolationProtocol {
        var source = ""

        public init(literalCapacity: Int, interpolationCount: Int) {
            source.reserveCapacity(literalCapacity + 8 * interpolationCount)
        }

        /// Literal segments are Markdown as written.
        public mutating func appendLiteral(_ literal: String) { source += literal }

        /// Text from data, escaped (see ``Markdown/escape(_:atLineStart:)``).
        public mutating func appendInterpolation(_ text: some StringProtocol) {
            source += Markdown.escape(String(text), atLineStart: atLineStart)
        }

        /// Markdown kept as it is, to compose Markdown from parts.
        public mutating func appendInterpolation(_ markdown: Markdown) { source += markdown.source }

        /// A number shown in `format`.
        public mutating func appendInterpolation(_ value: some BinaryFloatingPoint, format: NumberFormat = .automatic) {
            appendInterpolation(format.format(Double(value)))
        }

        /// An integer, grouped from five digits on as ``NumberFormat`` does.
        public mutating func appendInterpolation(_ value: some BinaryInteger) {
            appendInterpolation(NumberFormat.grouped(String(value)))
        }

        /// Text as inline code (`<code>`), escaped for HTML, so any character, a backtick
        /// included, shows as it is.
        public mutating func appendInterpolation(code text: String) {
            source += "<code>" + HTML.escape(text.replacingOccurrences(of: "\n", with: " ")) + "</code>"
        }

        /// Whether the next character starts a line (only spaces since the last newline).
        private var atLineStart: Bool {
            guard let newline = source.lastIndex(where: \.isNewline) else { return source.allSatisfy { $0 == " " } }
            return source[source.index(after: newline)...].allSatisfy { $0 == " " }
        }
    }
}
