import XCTest
@testable import Plot

final class RenderTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("plot-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    private func render(_ figure: Figure, _ name: String = "f.png") throws -> PNGImage {
        let url = dir.appendingPathComponent(name)
        try figure.writePNG(to: url)
        return try PNGImage(contentsOf: url)
    }

    func testPNGHasTheFigureSizeAndNoTempFileRemains() throws {
        let figure = Figure(width: 640, height: 480)
        figure[0, 0].line(x: [0, 1], y: [0, 1])
        let image = try render(figure)
        XCTAssertEqual(image.width, 640); XCTAssertEqual(image.height, 480)
        // Overwriting goes through rename too.
        _ = try render(figure)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["f.png"])
    }

    /// A title wider than the figure is set smaller: its ink stays clear of both edges.
    func testTitleLongerThanTheFigureFitsInsideIt() throws {
        let figure = Figure(width: 400, height: 300, title: String(repeating: "A very long title ", count: 6))
        figure[0, 0].line(x: [0, 1], y: [0, 1])
        let image = try render(figure)
        XCTAssertEqual(image.darkPixels(x: 0, y: 0, width: 6, height: 40), 0, "left edge")
        XCTAssertEqual(image.darkPixels(x: 394, y: 0, width: 6, height: 40), 0, "right edge")
        XCTAssertGreaterThan(image.darkPixels(x: 0, y: 0, width: 400, height: 40), 100, "the title is drawn")
    }

    func testLineColourAppearsWhereTheLinePassesAndBackgroundElsewhere() throws {
        let figure = Figure(width: 800, height: 600)
        let axes = figure[0, 0]
        let blue = Palette.color(0)
        axes.line(x: [0, 10], y: [0, 10], label: "y = x")
        let image = try render(figure)
        let (plot, xm, ym) = try XCTUnwrap(axes.lastLayout)
        for v in [2.0, 5.0, 7.5] {
            XCTAssertTrue(image.has(blue, near: xm.pixel(v)!, ym.pixel(v)!), "line missing at \(v)")
        }
        XCTAssertLessThanOrEqual(image.distance(Int(xm.pixel(8.3)!), Int(ym.pixel(1.3)!), to: .white), 3)
        XCTAssertTrue(plot.width > 500 && plot.height > 400, "margins should not eat the panel: \(plot)")
    }

    func testHeatmapColoursFollowTheField() throws {
        let figure = Figure(width: 800, height: 600)
        let axes = figure[0, 0]
        let values = (0..<20).map { _ in (0..<20).map { $0 < 10 ? 0.0 : 1.0 } }
        axes.heatmap(x: 0...1, y: 0...1, values: values, colorMap: .viridis, range: 0...1, colorBarLabel: "p")
        let image = try render(figure)
        let (_, xm, ym) = try XCTUnwrap(axes.lastLayout)
        let low = ColorMap.viridis.color(at: 0), high = ColorMap.viridis.color(at: 1)
        for y in [0.2, 0.5, 0.8] {
            XCTAssertLessThanOrEqual(image.distance(Int(xm.pixel(0.2)!), Int(ym.pixel(y)!), to: low), 4)
            XCTAssertLessThanOrEqual(image.distance(Int(xm.pixel(0.8)!), Int(ym.pixel(y)!), to: high), 4)
        }
    }

    /// A text label puts ink on the line of its point, to the right, and nowhere else; an
    /// annotation writes above the point instead.
    func testTextLabelStartsAtItsPointWithoutAMarker() throws {
        func ink(_ draw: (Axes) -> Void) throws -> (right: Int, above: Int, left: Int) {
            let figure = Figure(width: 800, height: 600)
            let axes = figure[0, 0]
            axes.xLimits = 0...10; axes.yLimits = 0...10; axes.showGrid = false
            draw(axes)
            let image = try render(figure, "\(UUID().uuidString).png")
            let (_, xm, ym) = try XCTUnwrap(axes.lastLayout)
            let x = Int(xm.pixel(5)!), y = Int(ym.pixel(5)!)
            // Darker than the frame's grey, so only text and markers count.
            return (image.darkPixels(x: x + 10, y: y - 6, width: 110, height: 12, threshold: 60),
                    image.darkPixels(x: x + 10, y: y - 26, width: 110, height: 14, threshold: 60),
                    image.darkPixels(x: x - 110, y: y - 30, width: 100, height: 60, threshold: 60))
        }
        let black = Color(hex: 0x000000)
        let text = try ink { $0.text("matmul1024_f64", x: 5, y: 5, color: black) }
        XCTAssertGreaterThan(text.right, 30, "ink on the point's line, to the right")
        XCTAssertEqual(text.above, 0)
        XCTAssertEqual(text.left, 0)
        let annotation = try ink { $0.annotate("matmul1024_f64", x: 5, y: 5, color: black) }
        XCTAssertGreaterThan(annotation.above, 30, "an annotation writes up and to the right")
    }

    func testTitleWithNonASCIITextDrawsDarkPixels() throws {
        let plain = Figure(width: 800, height: 600)
        plain[0, 0].line(x: [0, 1], y: [0, 1])
        let titled = Figure(width: 800, height: 600, title: "σ, η² → ½ loss")
        titled[0, 0].line(x: [0, 1], y: [0, 1])
        let a = try render(plain, "a.png"), b = try render(titled, "b.png")
        let band = (x: 300, y: 0, w: 200, h: 40)
        // Below the frame's grey (0x55), so only text ink counts.
        let without = a.darkPixels(x: band.x, y: band.y, width: band.w, height: band.h, threshold: 60)
        let with = b.darkPixels(x: band.x, y: band.y, width: band.w, height: band.h, threshold: 60)
        XCTAssertEqual(without, 0)
        XCTAssertGreaterThan(with, 100, "title text should put ink in the top band")
    }

    func testNaNAndInfinityBreakTheLineButKeepTheFinitePartAndTheRange() throws {
        let figure = Figure(width: 800, height: 600)
        let axes = figure[0, 0]
        let x: [Double] = [0, 1, 2, 3, 4, 5, 6, 7]
        let y: [Double] = [1, 2, .nan, 4, 5, .infinity, 7, 8]
        axes.line(x: x, y: y, color: Palette.color(1))
        let image = try render(figure)
        let (_, xm, ym) = try XCTUnwrap(axes.lastLayout)
        XCTAssertTrue(image.has(Palette.color(1), near: xm.pixel(0.5)!, ym.pixel(1.5)!))
        XCTAssertTrue(image.has(Palette.color(1), near: xm.pixel(3.5)!, ym.pixel(4.5)!))
        XCTAssertTrue(image.has(Palette.color(1), near: xm.pixel(6.5)!, ym.pixel(7.5)!))
        // The gap: nothing joins (1, 2) to (3, 4).
        XCTAssertFalse(image.has(Palette.color(1), near: xm.pixel(2)!, ym.pixel(3)!, radius: 1))
        XCTAssertLessThan(ym.upper, 10, "infinity must not stretch the axis")
        XCTAssertGreaterThan(ym.lower, 0)
    }

    func testLogAxisSkipsNonPositiveValues() throws {
        let figure = Figure(width: 600, height: 400)
        let axes = figure[0, 0]
        axes.yScale = .log
        axes.line(x: [0, 1, 2, 3], y: [0, -1, 1e-3, 1e-1])
        _ = try render(figure)
        let (_, _, ym) = try XCTUnwrap(axes.lastLayout)
        XCTAssertGreaterThan(ym.lower, 0)
        XCTAssertLessThanOrEqual(ym.lower, 1e-3)
        XCTAssertGreaterThanOrEqual(ym.upper, 1e-1)
    }

    func testConstantEmptyAndAllNaNSeriesGiveWellFormedAxes() throws {
        let figure = Figure(rows: 1, columns: 3)
        figure[0, 0].line(x: [0, 1, 2], y: [0.3, 0.3, 0.3])
        figure[0, 1].line(x: [], y: [])
        figure[0, 2].line(x: [1, 2], y: [.nan, .nan])
        _ = try render(figure)
        let constant = try XCTUnwrap(figure[0, 0].lastLayout).y
        XCTAssertLessThan(constant.lower, 0.3); XCTAssertGreaterThan(constant.upper, 0.3)
        for k in 1...2 {
            let layout = try XCTUnwrap(figure[0, k].lastLayout)
            XCTAssertEqual(layout.y.lower, 0); XCTAssertEqual(layout.y.upper, 1)
        }
    }

    func testMatrixTextContrastsWithCellColour() throws {
        let figure = Figure(width: 600, height: 600)
        figure[0, 0].matrix(values: [[900, 0], [0, 900]], rowLabels: ["a", "b"], columnLabels: ["a", "b"])
        let image = try render(figure)
        // The dark diagonal cells carry white text, the light off-diagonal cells dark text.
        var whiteOnDark = false, darkOnLight = false
        for y in stride(from: 0, to: image.height, by: 2) { for x in stride(from: 0, to: image.width, by: 2) {
            let p = image.rgb(x, y)
            if p.r > 240 && p.g > 240 && p.b > 240, x > 0, image.rgb(x - 1, y).b > 0 && image.rgb(x - 1, y).r < 60 { whiteOnDark = true }
            if p.r < 80 && p.g < 80 && p.b < 80 { darkOnLight = true }
        } }
        XCTAssertTrue(whiteOnDark); XCTAssertTrue(darkOnLight)
    }

    func testSVGAndPDFAreWritten() throws {
        let figure = Figure(title: "vector")
        figure[0, 0].line(x: [0, 1, 2], y: [1, 0, 1], label: "v")
        let svg = dir.appendingPathComponent("f.svg"), pdf = dir.appendingPathComponent("f.pdf")
        try figure.writeSVG(to: svg); try figure.writePDF(to: pdf)
        XCTAssertTrue(try String(contentsOf: svg, encoding: .utf8).contains("<svg"))
        XCTAssertEqual(try Data(contentsOf: pdf).prefix(4), Data("%PDF".utf8))
    }

    func testWritingIntoAMissingParentCreatesItAndBadPathsThrow() throws {
        let figure = Figure(width: 300, height: 200)
        try figure.writePNG(to: dir.appendingPathComponent("sub/dir/x.png"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("sub/dir/x.png").path))
        XCTAssertThrowsError(try figure.writePNG(to: URL(fileURLWithPath: "/proc/nope/x.png")))
    }
}
