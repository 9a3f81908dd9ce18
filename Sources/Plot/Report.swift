import Foundation

/// Builds `index.html` over an outputs directory: one section per experiment folder that
/// holds a `metrics.json`, with its figures and metrics. Plain HTML and inline CSS, so the
/// page works offline and from a file:// URL.
public enum Report {
    /// One experiment as read from disk.
    public struct Entry: Sendable {
        /// Folder name, also the anchor in the table of contents.
        public var folder: String
        /// Parsed metrics.json, or nil when it could not be read.
        public var metrics: JSONValue?
        /// Why metrics.json could not be used.
        public var error: String?
    }

    /// Reads every `*/metrics.json` under `outputs`, sorted by folder name.
    public static func entries(in outputs: URL) throws -> [Entry] {
        let names = try FileManager.default.contentsOfDirectory(atPath: outputs.path).sorted()
        return names.compactMap { name in
            let file = outputs.appendingPathComponent(name).appendingPathComponent("metrics.json")
            guard FileManager.default.fileExists(atPath: file.path) else { return nil }
            do {
                let value = try JSONValue.parse(try Data(contentsOf: file))
                guard case .object = value else { return Entry(folder: name, metrics: nil, error: "metrics.json is not a JSON object") }
                return Entry(folder: name, metrics: value, error: nil)
            } catch {
                return Entry(folder: name, metrics: nil, error: "could not read metrics.json: \(error)")
            }
        }
    }

    /// Writes `index.html` into `outputs` atomically and returns its URL.
    @discardableResult
    public static func write(outputs: URL) throws -> URL {
        let url = outputs.appendingPathComponent("index.html")
        try AtomicFile.write(Data(html(for: try entries(in: outputs)).utf8), to: url)
        return url
    }

    /// The page for `entries`.
    public static func html(for entries: [Entry]) -> String {
        var out = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>swift-backprop experiments</title>
        <style>
        body { font-family: "DejaVu Sans", system-ui, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.5; }
        h1 { font-size: 1.7em; } h2 { border-bottom: 1px solid #ddd; padding-bottom: .2em; margin-top: 2.2em; }
        nav ul { columns: 2; } code { background: #f4f4f4; padding: 0 .25em; }
        figure { margin: 1.2em 0; } figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
        figcaption { color: #555; font-size: .95em; }
        table { border-collapse: collapse; margin: 1em 0; font-size: .95em; }
        th, td { text-align: left; padding: .25em .8em; border-bottom: 1px solid #eee; vertical-align: top; }
        td.v { font-family: "DejaVu Sans Mono", monospace; }
        .error { background: #fdecea; border: 1px solid #e0a39c; padding: .6em 1em; color: #8a1f11; }
        </style></head><body>
        <h1>swift-backprop experiments</h1>

        """
        if entries.isEmpty { out += "<p>No experiment has written a <code>metrics.json</code> yet.</p>\n" }
        out += "<nav><ul>\n"
        for e in entries {
            let title = e.metrics?["title"].flatMap(text) ?? e.folder
            out += "<li><a href=\"#\(escape(e.folder))\">\(escape(title))</a></li>\n"
        }
        out += "</ul></nav>\n"
        for e in entries { out += section(e) }
        out += "</body></html>\n"
        return out
    }

    private static let reserved: Set<String> = ["experiment", "title", "description", "figures"]

    private static func section(_ e: Entry) -> String {
        var out = "<section id=\"\(escape(e.folder))\">\n"
        guard let m = e.metrics else {
            out += "<h2>\(escape(e.folder))</h2>\n<p class=\"error\">⚠ \(escape(e.error ?? "unreadable"))</p>\n</section>\n"
            return out
        }
        out += "<h2>\(escape(m["title"].flatMap(text) ?? e.folder))</h2>\n"
        out += "<p><code>\(escape(m["experiment"].flatMap(text) ?? e.folder))</code></p>\n"
        if let d = m["description"].flatMap(text) { out += "<p>\(escape(d))</p>\n" }
        if case .array(let figures)? = m["figures"] {
            for f in figures {
                guard let file = f["file"].flatMap(text) else { continue }
                let caption = f["caption"].flatMap(text) ?? ""
                let src = e.folder.split(separator: "/").map { percentEscape(String($0)) }.joined(separator: "/")
                    + "/" + percentEscape(file)
                out += "<figure><img src=\"\(escape(src))\" alt=\"\(escape(caption))\" loading=\"lazy\">"
                out += "<figcaption>\(escape(caption))</figcaption></figure>\n"
            }
        }
        var rows: [(String, String)] = []
        if case .object(let values) = m {
            for (k, v) in values.sorted(by: { $0.key < $1.key }) where !reserved.contains(k) { flatten(k, v, into: &rows) }
        }
        if !rows.isEmpty {
            out += "<table><thead><tr><th>metric</th><th>value</th></tr></thead><tbody>\n"
            for (k, v) in rows { out += "<tr><td>\(escape(k))</td><td class=\"v\">\(escape(v))</td></tr>\n" }
            out += "</tbody></table>\n"
        }
        return out + "</section>\n"
    }

    private static func text(_ v: JSONValue) -> String? {
        if case .string(let s) = v { return s }
        return nil
    }

    /// Nested objects become `a.b` rows so every number is on a line of its own.
    static func flatten(_ key: String, _ v: JSONValue, into rows: inout [(String, String)]) {
        if case .object(let values) = v, !values.isEmpty {
            for (k, inner) in values.sorted(by: { $0.key < $1.key }) { flatten("\(key).\(k)", inner, into: &rows) }
        } else {
            rows.append((key, describe(v)))
        }
    }

    /// A readable, bounded rendering: long arrays are summarised rather than dumped.
    static func describe(_ v: JSONValue) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let x): return number(x)
        case .integer(let n): return String(n)
        case .string(let s): return s
        case .object(let values): return "{" + values.sorted(by: { $0.key < $1.key }).map { "\($0.key): \(describe($0.value))" }.joined(separator: ", ") + "}"
        case .array(let items):
            if items.count > 8 {
                return "[\(items.count) values: first \(describe(items.first!)), last \(describe(items.last!))]"
            }
            return "[" + items.map(describe).joined(separator: ", ") + "]"
        }
    }

    /// About four significant digits, integers as integers, scientific only when needed.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "∞" : "−∞") }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        let a = abs(x)
        if a >= 1e6 || a < 1e-4 { return String(format: "%.3e", x) }
        let decimals = max(0, 3 - Int(log10(a).rounded(.down)))
        var s = String(format: "%.\(decimals)f", x)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }

    /// Escapes text for HTML element content and attribute values.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    private static func percentEscape(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? s
    }
}
