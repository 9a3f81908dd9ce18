/// What every page shares: the head with its inline style sheet, the top bar, the footer.
/// Nothing is fetched from the network, so a page works from `file://` and offline.
enum PageShell {
    /// A whole page. `root` is the relative path to `outputs/` ("" or "../").
    static func page(title: String, root: String, current: String?, main: String, script: String? = nil) -> String {
        var html = """
        <!DOCTYPE html>
        <html lang="en" class="no-js">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(title))</title>
        <style>
        \(Stylesheet.css)
        </style>
        </head>
        <body>
        <nav class="topbar" aria-label="Site">
        <a class="brand" href="\(root)index.html">swift-backprop <span>experiments</span></a>
        """
        if let current { html += "<span class=\"crumb\" aria-current=\"page\">\(HTML.escape(current))</span>\n" }
        html += """
        </nav>
        <main id="main">
        \(main)
        </main>
        <footer class="page-footer">Written by <code>report</code> from each experiment’s <code>metrics.json</code>. Works offline: nothing on this page is fetched from the network.</footer>

        """
        if let script { html += "<script>\n\(script)\n</script>\n" }
        return html + "</body>\n</html>\n"
    }

    /// A visible error box.
    static func error(_ message: String) -> String {
        "<div class=\"error\" role=\"alert\"><strong>⚠ </strong>\(HTML.escape(message))</div>\n"
    }
}
