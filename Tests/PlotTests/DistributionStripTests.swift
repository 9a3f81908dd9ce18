import XCTest
@testable import Plot

final class DistributionStripTests: XCTestCase {
    private func render(_ figure: Figure, _ name: String) throws -> PNGImage {
        let directory = ProcessInfo.processInfo.environment["PLOT_DEMO_DIR"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory
        let url = directory.appendingPathComponent(ProcessInfo.processInfo.environment["PLOT_DEMO_DIR"] == nil ? "\(UUID().uuidString).png" : name)
        try figure.writePNG(to: url)
        defer { if ProcessInfo.processInfo.environment["PLOT_DEMO_DIR"] == nil { try? FileManager.default.removeItem(at: url) } }
        return try PNGImage(contentsOf: url)
    }

    private func strip(_ axes: Axes) throws -> StripPlot {
        try XCTUnwrap(axes.items.compactMap { if case .strip(let s) = $0 { s } else { nil } }.first)
    }

    /// Final losses of twenty seeds, shaped like the sine fit's: Adam mostly low with a few
    /// local minima, gradient descent stuck higher, one run diverged.
    private func sineLikeGroups() -> [ValueGroup] {
        let adam: [Double] = (0..<20).map { (k: Int) -> Double in
            let x = Double(k)
            return k % 3 == 0 ? 0.02 + 0.002 * x : 4e-4 * (1 + 0.3 * Double(k % 7))
        }
        var gd: [Double] = (0..<20).map { (k: Int) -> Double in 0.03 + 0.004 * Double(k % 9) }
        gd[4] = .nan
        return [ValueGroup(name: "gradient descent", values: gd), ValueGroup(name: "Adam", values: adam)]
    }

    func testGroupsSitAtTheirPositionsAndDotsStayInTheirStrip() throws {
        let figure = Figure(width: 1000, height: 700)
        let axes = figure[0, 0]
        axes.yScale = .log
        axes.distributions(sineLikeGroups() + [ValueGroup(name: "third", values: [0.1, 0.2])], threshold: 0.005, thresholdLabel: "success ≤ 0.005")
        _ = try render(figure, "strip-positions.png")
        let summaries = try strip(axes).summaries(scale: .log)
        XCTAssertEqual(summaries.map(\.position), [0, 1, 2])
        for summary in summaries {
            for point in summary.points {
                XCTAssertLessThanOrEqual(abs(point.x - summary.position), StripPlot.jitterHalfWidth + 1e-12)
            }
        }
        // Deterministic jitter: the same values give the same drawing.
        XCTAssertEqual(try strip(axes).summaries(scale: .log), summaries)
        let (_, xm, _) = try XCTUnwrap(axes.lastLayout)
        XCTAssertEqual(xm.lower, -0.5, accuracy: 0.2)
        XCTAssertEqual(xm.upper, 2.5, accuracy: 0.2)
        XCTAssertEqual(try XCTUnwrap(axes.lastLegend).entries.map(\.label), ["success ≤ 0.005"])
    }

    func testDivergedValuesAreCountedNotPlotted() throws {
        let groups = [ValueGroup(name: "a", values: [0.1, .nan, 0.3, .infinity]), ValueGroup(name: "b", values: [0, 0.2])]
        let summaries = StripPlot(groups: groups).summaries(scale: .log)
        XCTAssertEqual(summaries[0].points.map(\.y), [0.1, 0.3])
        XCTAssertEqual(summaries[0].diverged, 2)
        XCTAssertEqual(StripPlot.countLine(groups[0], summaries[0]), "4 runs, 2 diverged")
        // 0 has no place on a log axis: counted, not drawn; on a linear axis it is drawn.
        XCTAssertEqual(summaries[1].points.map(\.y), [0.2])
        XCTAssertEqual(StripPlot.countLine(groups[1], summaries[1]), "2 runs, 1 ≤ 0 not shown")
        XCTAssertEqual(StripPlot(groups: groups).summaries(scale: .linear)[1].points.map(\.y), [0, 0.2])
        // The axis range comes from the finite values only.
        let figure = Figure(width: 800, height: 600)
        figure[0, 0].distributions(groups)
        _ = try render(figure, "strip-nan.png")
        let (_, _, ym) = try XCTUnwrap(figure[0, 0].lastLayout)
        XCTAssertLessThan(ym.upper, 1)
    }

    func testQuartilesAndWhiskersFollowNumpyAndTukey() {
        // numpy.quantile([3, 1, 4, 1, 5, 9, 2, 6], [0.25, 0.5, 0.75]) = [1.75, 3.5, 5.25]
        let summary = StripPlot(groups: [ValueGroup(name: "x", values: [3, 1, 4, 1, 5, 9, 2, 6])]).summaries(scale: .linear)[0]
        let q = try! XCTUnwrap(summary.quartiles)
        XCTAssertEqual([q.lower, q.median, q.upper], [1.75, 3.5, 5.25])
        XCTAssertEqual(summary.whiskers?.lower, 1)
        XCTAssertEqual(summary.whiskers?.upper, 9)
        // An outlier beyond 1.5 IQR stays a dot but the whisker stops short of it.
        let outlier = StripPlot(groups: [ValueGroup(name: "x", values: [1, 2, 3, 4, 100])]).summaries(scale: .linear)[0]
        XCTAssertEqual(outlier.whiskers?.upper, 4)
        XCTAssertTrue(outlier.points.contains { $0.y == 100 })
    }

    /// The median is drawn as a near-black line across the box, beside the dots.
    func testMedianLineIsDrawnAtTheMedian() throws {
        let figure = Figure(width: 900, height: 600)
        let axes = figure[0, 0]
        axes.showGrid = false
        axes.distributions([ValueGroup(name: "a", values: [1, 2, 3, 4, 5], color: Palette.color(2)),
                            ValueGroup(name: "b", values: [2, 4, 6, 8, 10], color: Palette.color(4))])
        let image = try render(figure, "strip-median.png")
        let (_, xm, ym) = try XCTUnwrap(axes.lastLayout)
        for (position, median) in [(0.0, 3.0), (1.0, 6.0)] {
            // Between the strip of dots and the box's edge, where only the box is drawn.
            let x = Int(xm.pixel(position + 0.19)!), y = Int(ym.pixel(median)!.rounded())
            XCTAssertTrue(image.has(StripPlot.medianColor, near: Double(x), Double(y), radius: 1, tolerance: 30), "median of group \(position)")
            XCTAssertFalse(image.has(StripPlot.medianColor, near: Double(x), ym.pixel(median + 0.6)!, radius: 1, tolerance: 30))
        }
    }
}
