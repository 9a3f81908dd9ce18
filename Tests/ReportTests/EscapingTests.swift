import XCTest
@testable import Report

final class EscapingTests: XCTestCase {
    /// Text as a reader sees it: tags dropped, character references decoded.
    private func visibleText(_ html: String) -> String {
        var text = "", inTag = false
        for character in html {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { text.append(character) }
        }
        return ExperimentPage.decodingCharacterReferences(text).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private let hostile = [
        "<script>alert(1)</script>", "Tom & Jerry's \"quote\"", "*not bold* and _not italic_ and ~~not struck~~",
        "[not a link](http://example.com)", "![not an image](x.png)", "`not code`", "# not a heading",
        "- not a list", "+ not a list", "1. not a list", "2) not a list", "| not | a table |", "> not a quote",
        "back\\slash", "&amp; stays &amp;", "<p>raw</p>", "two\nlines",
    ]

    func testEscapedDataRendersAsExactlyItsTextWithNoMarkup() {
        for text in hostile {
            let html = HTML.render(Markdown(escaping: text))
            let expected = text.replacingOccurrences(of: "\n", with: " ")
            XCTAssertEqual(visibleText(html), expected, "rendered \(html)")
            let tags = html.replacingOccurrences(of: "<p>", with: "").replacingOccurrences(of: "</p>", with: "")
            XCTAssertFalse(tags.contains("<"), "\(text) became markup: \(html)")
        }
    }

    func testInterpolationEscapesDataButKeepsLiteralMarkdown() {
        let name = "<script>x</script> *a*"
        let markdown: Markdown = "**\(name)** reached \(0.00056, format: .scientific(1)) in \(812) steps; see \(code: "a`b<c")"
        let html = HTML.render(markdown)
        XCTAssertTrue(html.hasPrefix("<p><strong>&lt;script&gt;x&lt;/script&gt; &#42;a&#42;</strong>"), html)
        XCTAssertTrue(html.contains("reached 5.6e-4 in 812 steps"), html)
        XCTAssertTrue(html.contains("<code>a`b&lt;c</code>"), html)
        XCTAssertFalse(html.contains("<script"))
    }

    func testInterpolationAtTheStartOfALineEscapesListAndHeadingMarkers() {
        let markdown: Markdown = "\("-1") is the bias\n\n\("# 3") is the count"
        XCTAssertEqual(visibleText(HTML.render(markdown)).replacingOccurrences(of: "\n", with: ""), "-1 is the bias# 3 is the count")
        XCTAssertFalse(HTML.render(markdown).contains("<li>"))
        XCTAssertFalse(HTML.render(markdown).contains("<h1>"))
        let midLine: Markdown = "bias \(-0.5)"
        XCTAssertEqual(midLine.source, "bias -0.5", "numbers in the middle of a line stay readable in metrics.json")
    }

    func testPageEscapesEveryTextFromData() {
        var d = ExperimentDocument(experiment: "x<y", title: "Fits <b>sin</b> & \"well\"", description: "<i>desc</i>")
        d.headline = "<em>1</em>"
        d.setup.architecture = "Sequential<Double>(\n  Dense(2→1)\n)"
        d.setup.addHyperparameter("η <lr>", "<Adam>", unit: "<u>")
        d.addTable("<t>", columns: [.init("<c>", unit: "<%>")]) { $0.addRow("<cell>") }
        d.addFigure("a b&c.png", caption: Markdown(escaping: "<img src=x onerror=alert(1)>"))
        d["<key>"] = .string("<value>")
        let html = ExperimentPage(document: d).html()
        let body = String(html[html.range(of: "<body>")!.lowerBound...])
        for raw in ["<b>sin", "<i>desc", "<em>1", "<Double>", "<lr>", "<Adam>", "<u>", "<t>", "<c>", "<%>", "<cell>", "<img src=x", "<key>", "<value>", "x<y"] {
            XCTAssertFalse(body.contains(raw), "\(raw) reached the page unescaped")
        }
        XCTAssertTrue(body.contains("Fits &lt;b&gt;sin&lt;/b&gt; &amp; &quot;well&quot;"))
        XCTAssertTrue(body.contains("Sequential&lt;Double&gt;(\n  Dense(2→1)\n)"), "architecture keeps its lines")
        XCTAssertTrue(body.contains("src=\"a%20b&amp;c.png\""), "file names are percent-encoded, then escaped")
        XCTAssertTrue(body.contains("alt=\"&lt;img src=x onerror=alert(1)&gt;\""), "alt text is the caption's text, escaped")
    }
}
