/// `outputs/index.html`: the table of contents, one row per experiment with its notebook,
/// its headline number and a link to its page.
enum IndexPage {
    static func html(_ entries: [ReportSite.Entry]) -> String {
        var main = """
        <header class="doc-header">
        <div class="kicker">Report</div>
        <h1>Experiments</h1>
        <p class="lede">Each experiment reproduces a course notebook with this library. Its page reads like the notebook: the question, the set-up, this run’s numbers and figures, and a conclusion drawn from those numbers.</p>
        </header>

        """
        if entries.isEmpty {
            main += "<p>No experiment has written a <code>metrics.json</code> yet: run one (<code>make report</code> runs them all).</p>\n"
            return PageShell.page(title: "swift-backprop experiments", root: "", current: nil, main: main)
        }
        main += "<table class=\"toc\">\n<thead><tr><th scope=\"col\">experiment</th><th scope=\"col\">notebook</th><th scope=\"col\">this run</th></tr></thead>\n<tbody>\n"
        for entry in courseOrder(entries) {
            let link = "\(HTML.path(entry.folder))/index.html"
            switch entry.content {
            case .document(let d):
                let notebook = d.notebook.map(HTML.renderInline) ?? ""
                let warning = entry.missingFiles.isEmpty ? "" : "<div class=\"toc-warning\">⚠ \(entry.missingFiles.count) missing file\(entry.missingFiles.count == 1 ? "" : "s")</div>"
                main += """
                <tr><th scope="row"><a href="\(link)">\(HTML.escape(d.title))</a><div class="toc-id">\(HTML.escape(d.experiment))</div>\(summary(d))</th>\
                <td class="toc-notebook">\(notebook)</td><td class="toc-headline">\(HTML.escape(d.headline ?? ""))\(warning)</td></tr>

                """
            case .unreadable(let error):
                main += """
                <tr class="broken"><th scope="row"><a href="\(link)">\(HTML.escape(entry.folder))</a></th>\
                <td colspan="2"><span class="toc-error">⚠ metrics.json could not be read: \(HTML.escape(error.problem))</span></td></tr>

                """
            }
        }
        main += "</tbody>\n</table>\n"
        return PageShell.page(title: "swift-backprop experiments", root: "", current: nil, main: main)
    }

    /// In the course's order: by the first notebook number (000–004) an experiment's notebook
    /// line names, then those that name none; by folder within each.
    static func courseOrder(_ entries: [ReportSite.Entry]) -> [ReportSite.Entry] {
        func notebookNumber(_ entry: ReportSite.Entry) -> Int {
            guard case .document(let document) = entry.content, let text = document.notebook?.source,
                  let range = text.range(of: #"\d{3}"#, options: .regularExpression) else { return Int.max }
            return Int(text[range]) ?? Int.max
        }
        return entries.map { (notebookNumber($0), $0) }
            .sorted { ($0.0, $0.1.folder) < ($1.0, $1.1.folder) }
            .map(\.1)
    }

    /// The question, or else the description, under the title (clamped to two lines).
    private static func summary(_ d: ExperimentDocument) -> String {
        if let question = d.question, !question.isEmpty { return "<div class=\"toc-summary\">\(HTML.renderInline(question))</div>" }
        if let description = d.description, !description.isEmpty { return "<div class=\"toc-summary\">\(HTML.escape(description))</div>" }
        return ""
    }
}
