/// One experiment's page, `outputs/<experiment>/index.html`: it reads top to bottom like the
/// notebook — question, set-up, results, figures, films, conclusion — with every raw number
/// collapsed at the end. Paths in it are relative to the experiment's folder.
struct ExperimentPage {
    var document: ExperimentDocument
    /// Referenced files that are not on disk; shown as a note instead of a broken image.
    var missingFiles: Set<String> = []

    /// The page of a folder whose `metrics.json` could not be read.
    static func unreadable(folder: String, error: DocumentReadError) -> String {
        let main = """
        <header class="doc-header"><h1>\(HTML.escape(folder))</h1></header>
        \(PageShell.error("\(folder)/metrics.json could not be read: \(error.problem). This experiment’s report is missing until the experiment runs again and rewrites it."))
        """
        return PageShell.page(title: "\(folder) — unreadable", root: "../", current: folder, main: main)
    }

    func html() -> String {
        let d = document
        var sections: [(id: String, title: String, body: String)] = []
        if let question = d.question, !question.isEmpty {
            sections.append(("question", "Question", "<div class=\"prose\">\(HTML.render(question))</div>"))
        }
        if !d.setup.isEmpty { sections.append(("setup", "Set-up", setup(d.setup))) }
        if !d.results.isEmpty { sections.append(("results", "Results", d.results.enumerated().map(table).joined())) }
        if !d.figures.isEmpty { sections.append(("figures", "Figures", d.figures.enumerated().map(figure).joined())) }
        if !d.films.isEmpty { sections.append(("films", "Training films", d.films.enumerated().map(film).joined())) }
        if let conclusion = d.conclusion, !conclusion.isEmpty {
            sections.append(("conclusion", "Conclusion", "<div class=\"prose conclusion\">\(HTML.render(conclusion))</div>"))
        }

        var main = header(sections: sections.map { ($0.id, $0.title) })
        for section in sections {
            main += "<section id=\"\(section.id)\" class=\"doc-section\">\n<h2>\(section.title)</h2>\n\(section.body)\n</section>\n"
        }
        main += rawNumbers()
        return PageShell.page(title: "\(d.title) — swift-backprop", root: "../", current: d.experiment, main: main,
                              script: d.films.isEmpty ? nil : FilmPlayer.script)
    }

    private func header(sections: [(id: String, title: String)]) -> String {
        let d = document
        var html = "<header class=\"doc-header\">\n"
        if let notebook = d.notebook, !notebook.isEmpty {
            html += "<div class=\"kicker\">\(HTML.renderInline(notebook))</div>\n"
        }
        html += "<h1>\(HTML.escape(d.title))</h1>\n"
        if let description = d.description, !description.isEmpty {
            html += "<p class=\"lede\">\(HTML.escape(description))</p>\n"
        }
        if let headline = d.headline, !headline.isEmpty {
            html += "<p class=\"headline\"><span>This run</span> \(HTML.escape(headline))</p>\n"
        }
        var meta = ["<code>\(HTML.escape(d.experiment))</code>"]
        if let blas = d.blas { meta.append("ran on \(HTML.escape(blas.summary))") }
        meta.append("<a href=\"metrics.json\">metrics.json</a>")
        html += "<p class=\"ran-on\">\(meta.joined(separator: " · "))</p>\n"
        if sections.count > 1 {
            let links = (sections + [("numbers", "All numbers")]).map { "<a href=\"#\($0.id)\">\($0.title)</a>" }
            html += "<nav class=\"page-nav\" aria-label=\"On this page\">\(links.joined(separator: ""))</nav>\n"
        }
        if !missingFiles.isEmpty {
            html += PageShell.error("Files this page refers to are missing: \(missingFiles.sorted().joined(separator: ", ")).")
        }
        return html + "</header>\n"
    }

    private func setup(_ setup: ExperimentDocument.Setup) -> String {
        var html = ""
        if let data = setup.data, !data.isEmpty {
            html += "<h3>Data</h3>\n<div class=\"prose\">\(HTML.render(data))</div>\n"
        }
        if let architecture = setup.architecture, !architecture.isEmpty {
            html += "<h3>Architecture</h3>\n<pre class=\"architecture\">\(HTML.escape(architecture))</pre>\n"
        }
        if !setup.hyperparameters.isEmpty {
            html += "<h3>Hyper-parameters</h3>\n<table class=\"params\">\n<thead><tr><th scope=\"col\">parameter</th><th scope=\"col\">value</th><th scope=\"col\">unit</th></tr></thead>\n<tbody>\n"
            // Values left-aligned: the column mixes numbers and words ("Adam", "Xavier uniform").
            for p in setup.hyperparameters {
                html += "<tr><th scope=\"row\">\(HTML.escape(p.name))</th><td class=\"value-cell\">\(HTML.escape(p.value.formatted()))</td><td class=\"unit\">\(HTML.escape(p.unit ?? ""))</td></tr>\n"
            }
            html += "</tbody>\n</table>\n"
        }
        return html
    }

    private func table(_ index: Int, _ table: ExperimentDocument.Table) -> String {
        // A column is numeric (right-aligned) when every cell that holds something is a number.
        let numeric = table.columns.indices.map { column in
            let cells = table.rows.map { $0[column] }.filter { $0 != .missing }
            return !cells.isEmpty && cells.allSatisfy(\.isNumber)
        }
        var html = "<figure class=\"result\" id=\"table-\(index + 1)\">\n<table>\n"
        html += "<caption><span class=\"label\">Table \(index + 1).</span> \(HTML.escape(table.title))</caption>\n<thead><tr>"
        for (column, c) in table.columns.enumerated() {
            let unit = c.unit.map { " <span class=\"unit\">(\(HTML.escape($0)))</span>" } ?? ""
            html += "<th scope=\"col\"\(numeric[column] ? " class=\"num\"" : "")>\(HTML.escape(c.name))\(unit)</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            html += "<tr>"
            for (column, cell) in row.enumerated() {
                let text = HTML.escape(cell.formatted(table.columns[column].format))
                // The first column names the row, as in the notebooks' printed tables.
                if column == 0 && !numeric[0] {
                    html += "<th scope=\"row\">\(text)</th>"
                } else {
                    html += "<td\(numeric[column] ? " class=\"num\"" : "")>\(text)</td>"
                }
            }
            html += "</tr>\n"
        }
        html += "</tbody>\n</table>\n"
        if let caption = table.caption, !caption.isEmpty {
            html += "<figcaption>\(HTML.renderInline(caption))</figcaption>\n"
        }
        return html + "</figure>\n"
    }

    private func figure(_ index: Int, _ figure: ExperimentDocument.Figure) -> String {
        let number = index + 1
        var html = "<figure class=\"figure\" id=\"figure-\(number)\">\n"
        if missingFiles.contains(figure.file) {
            html += PageShell.error("Missing figure file \(figure.file).")
        } else {
            let alt = figure.alt ?? plainText(figure.caption)
            html += "<a class=\"zoom\" href=\"\(HTML.path(figure.file))\" title=\"Open the full-size image\"><img src=\"\(HTML.path(figure.file))\" alt=\"\(HTML.escape(alt))\"></a>\n"
        }
        html += "<figcaption><span class=\"label\">Figure \(number).</span> \(HTML.renderInline(figure.caption))</figcaption>\n"
        return html + "</figure>\n"
    }

    private func film(_ index: Int, _ film: ExperimentDocument.Film) -> String {
        let missing = ([film.filmstrip] + film.frames.map(\.file)).filter(missingFiles.contains)
        var html = "<figure class=\"film\" id=\"film-\(index)\">\n"
        if film.frames.isEmpty {
            html += PageShell.error("This film has no frames.")
        } else if !missing.isEmpty {
            html += PageShell.error("Missing film files: \(missing.joined(separator: ", ")).")
        } else {
            html += FilmPlayer.markup(film, index: index)
        }
        html += "<figcaption><span class=\"label\">Film \(index + 1).</span> \(HTML.escape(film.title))"
        if let caption = film.caption, !caption.isEmpty { html += " — \(HTML.renderInline(caption))" }
        return html + "</figcaption>\n</figure>\n"
    }

    private func rawNumbers() -> String {
        let rows = RawValues.rows(document.values)
        var html = "<details class=\"raw\" id=\"numbers\">\n<summary>All numbers from this run <span class=\"count\">\(rows.count) value\(rows.count == 1 ? "" : "s") in <code>metrics.json</code></span></summary>\n"
        if rows.isEmpty {
            html += "<p>This run recorded no raw numbers.</p>\n"
        } else {
            html += "<table class=\"raw-values\">\n<thead><tr><th scope=\"col\">key</th><th scope=\"col\">value</th></tr></thead>\n<tbody>\n"
            for row in rows {
                html += "<tr><td><code>\(HTML.escape(row.key))</code></td><td class=\"value\">\(HTML.escape(row.value))</td></tr>\n"
            }
            html += "</tbody>\n</table>\n"
        }
        return html + "</details>\n"
    }

    /// A caption's text without its Markdown, for `alt`: tags dropped, entities left to the
    /// attribute escaping (which keeps `&` literal).
    private func plainText(_ markdown: Markdown) -> String {
        var text = "", inTag = false
        for character in HTML.renderInline(markdown) {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { text.append(character) }
        }
        return Self.decodingCharacterReferences(text)
    }

    /// Undoes the references ``Markdown/escape(_:atLineStart:)`` and Ink write, so alt text
    /// says "&" rather than "&amp;" once it is escaped again for the attribute.
    static func decodingCharacterReferences(_ text: String) -> String {
        var out = "", rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[amp...]
            if let semicolon = after.firstIndex(of: ";"), after.distance(from: amp, to: semicolon) <= 8 {
                let name = after[after.index(after: amp)..<semicolon]
                if let character = Self.reference(String(name)) {
                    out.append(character)
                    rest = after[after.index(after: semicolon)...]
                    continue
                }
            }
            out.append("&")
            rest = after.dropFirst()
        }
        return out + rest
    }

    private static func reference(_ name: String) -> Character? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        default:
            guard name.hasPrefix("#"), let code = UInt32(name.dropFirst()), let scalar = Unicode.Scalar(code) else { return nil }
            return Character(scalar)
        }
    }
}
