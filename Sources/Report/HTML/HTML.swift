import Foundation
import Ink

/// The few HTML primitives the pages are built from. Everything that comes from data goes
/// through ``escape(_:)``; Markdown goes through Ink.
public enum HTML {
    /// `text` safe in element content and in quoted attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A relative file path ("films/xor frame 1.png") as a URL path for `src`/`href`, each
    /// component percent-encoded, then escaped for the attribute.
    static func path(_ relativePath: String) -> String {
        let allowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#;"))
        let encoded = relativePath.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.addingPercentEncoding(withAllowedCharacters: allowed) ?? String($0) }
            .joined(separator: "/")
        return escape(encoded)
    }

    /// Markdown rendered to HTML by Ink (block level: paragraphs, lists, emphasis, code).
    static func render(_ markdown: Markdown) -> String {
        MarkdownParser().html(from: markdown.source)
    }

    /// Markdown rendered without its enclosing paragraph, for inline places (a caption, a
    /// table-of-contents cell) when it is a single paragraph.
    static func renderInline(_ markdown: Markdown) -> String {
        let html = render(markdown)
        guard html.hasPrefix("<p>"), html.hasSuffix("</p>"),
              html.dropFirst(3).range(of: "<p>") == nil else { return html }
        return String(html.dropFirst(3).dropLast(4))
    }
}
