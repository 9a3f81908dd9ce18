import XCTest
@testable import Plot

final class LegendTests: XCTestCase {
    /// Renders; with PLOT_DEMO_DIR set, also writes the figure there to look at.
    private func render(_ figure: Figure, _ name: String = #function) throws {
        let data = try figure.pngData()
        if let dir = ProcessInfo.processInfo.environment["PLOT_DEMO_DIR"] {
            try data.write(to: URL(fileURLWithPath: dir).appendingPathComponent("legend-\(name.prefix { $0 != "(" }).png"))
        }
    }

    /// The case of issue 15: five rates drawn, five rates named (and the reference line).
    func testLegendNamesEveryLabelledSeries() throws {
        let figure = Figure(width: 1300, height: 820)
        let axes = figure[0, 0]
        let rates = [0.01, 0.1, 1, 10, 1000]
        for (k, rate) in rates.enumerated() {
            axes.line(x: [1, 2, 3], y: [1, 0.5 / Double(k + 1), 0.1], label: "η = \(rate)")
        }
        axes.line(x: [1, 3], y: [0.2, 0.2])                          // unlabelled: not in the legend
        axes.hline(y: 0.1, label: "threshold 0.1")
        try render(figure)
        let legend = try XCTUnwrap(axes.lastLegend)
        XCTAssertEqual(legend.entries.map(\.label), rates.map { "η = \($0)" } + ["threshold 0.1"])
        XCTAssertEqual(legend.columns, 1)
    }

    /// Too many entries for one column in a short panel: more columns, nothing dropped, the
    /// box inside the panel.
    func testCrowdedLegendGrowsColumnsInsteadOfDroppingEntries() throws {
        let figure = Figure(width: 1000, height: 300)
        let axes = figure[0, 0]
        for k in 0..<30 { axes.line(x: [0, 1], y: [Double(k), Double(k) + 1], label: "series \(k)") }
        try render(figure)
        let legend = try XCTUnwrap(axes.lastLegend)
        XCTAssertEqual(legend.entries.count, 30)
        XCTAssertGreaterThan(legend.columns, 1)
        XCTAssertGreaterThanOrEqual(legend.columns * legend.rows, 30)
        let plot = try XCTUnwrap(axes.lastLayout).plot
        XCTAssertTrue(plot.contains(legend.box.minX, legend.box.minY) && plot.contains(legend.box.maxX, legend.box.maxY),
                      "legend \(legend.box) inside the plot \(plot)")
    }

    func testFewCurvesOfAFamilyAreNamedInTheLegendByRank() throws {
        let figure = Figure(width: 1000, height: 700)
        let axes = figure[0, 0]
        let rates = [1.0, 0.01, 0.1]
        let colors = axes.lineFamily(rates.map { FamilyCurve(x: [0, 1], y: [1, $0], value: $0, note: $0 == 1 ? "diverged" : nil) },
                                     parameter: "η", format: { Ticks.format($0) }, scale: .log)
        try render(figure)
        XCTAssertEqual(try XCTUnwrap(axes.lastLegend).entries.map(\.label), ["η = 1 (diverged)", "η = 0.01", "η = 0.1"])
        // Rank order along the map: the smallest rate at the dark end, the largest at the other.
        XCTAssertEqual(colors[1], ColorMap.viridisOnWhite.color(at: 0))
        XCTAssertEqual(colors[2], ColorMap.viridisOnWhite.color(at: 0.5))
        XCTAssertEqual(colors[0], ColorMap.viridisOnWhite.color(at: 1))
        XCTAssertFalse(axes.items.contains { if case .colorBar = $0 { true } else { false } })
    }

    /// Twenty curves: no legend entry per curve, a log colour bar whose colours follow the value.
    func testManyCurvesOfAFamilyGetAColourBarInstead() throws {
        let figure = Figure(width: 1000, height: 700)
        let axes = figure[0, 0]
        let rates = (0..<20).map { pow(10, -4 + 5 * Double($0) / 19) }
        let colors = axes.lineFamily(rates.map { FamilyCurve(x: [0, 1], y: [1, $0], value: $0) }, parameter: "η", scale: .log,
                                     colorBarLabel: "learning rate η")
        axes.hline(y: 0.1, label: "threshold")
        try render(figure)
        XCTAssertEqual(try XCTUnwrap(axes.lastLegend).entries.map(\.label), ["threshold"])
        let scale = try XCTUnwrap(axes.items.compactMap { if case .colorBar(let s) = $0 { s } else { nil } }.first)
        XCTAssertEqual(scale.label, "learning rate η")
        XCTAssertEqual(scale.range, rates.first!...rates.last!)
        for (rate, color) in zip(rates, colors) { XCTAssertEqual(color, scale.color(for: rate)) }
        // Log positions: 10⁻¹·⁵ is the middle of 10⁻⁴…10.
        XCTAssertEqual(scale.position(of: pow(10, -1.5)), 0.5, accuracy: 1e-12)
        // The bar is drawn right of the plot, its top in the map's top colour.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("family-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: url) }
        try figure.writePNG(to: url)
        let image = try PNGImage(contentsOf: url)
        let plot = try XCTUnwrap(axes.lastLayout).plot
        let barX = Int(plot.maxX + 24 * figure.scale)
        XCTAssertLessThanOrEqual(image.distance(barX, Int(plot.minY + 3), to: ColorMap.viridisOnWhite.color(at: 1)), 12)
        XCTAssertLessThanOrEqual(image.distance(barX, Int(plot.maxY - 3), to: ColorMap.viridisOnWhite.color(at: 0)), 12)
    }
}
