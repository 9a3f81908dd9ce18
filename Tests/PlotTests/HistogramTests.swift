import XCTest
@testable import Plot

final class HistogramTests: XCTestCase {
    /// Counted by hand: bins [0, .25), [.25, .5), [.5, .75), [.75, 1]; an edge value opens its
    /// bin, 1.0 closes the last; −0.1, 1.1 and NaN fall outside.
    func testCountsAndEdgesFollowNumpysConvention() {
        let values = [0, 0.1, 0.25, 0.5, 0.75, 0.99, 1.0, -0.1, 1.1, .nan]
        let histogram = Histogram(values, bins: 4, range: 0...1)
        XCTAssertEqual(histogram.edges, [0, 0.25, 0.5, 0.75, 1])
        XCTAssertEqual(histogram.counts, [2, 1, 1, 3])
        XCTAssertEqual(histogram.outside, 3)
        XCTAssertEqual(histogram.total, 7)
        XCTAssertEqual(histogram.fractions, [0.2, 0.1, 0.1, 0.3])
    }

    func testUnevenEdges() {
        let histogram = Histogram([-3, -1, 0, 0.5, 2, 9.99, 10], edges: [-1, 0, 2, 10])
        XCTAssertEqual(histogram.counts, [1, 2, 3])
        XCTAssertEqual(histogram.outside, 1)
    }

    /// Without a range: the values' minimum to maximum, the maximum in the last bin; a single
    /// value gets a unit-wide range around it, as numpy does.
    func testRangeDefaultsToTheData() {
        let histogram = Histogram([2, 4, 3, 8], bins: 3)
        XCTAssertEqual(histogram.edges, [2, 4, 6, 8])
        XCTAssertEqual(histogram.counts, [2, 1, 1])
        let single = Histogram([5, 5], bins: 2)
        XCTAssertEqual(single.edges, [4.5, 5, 5.5])
        XCTAssertEqual(single.counts, [0, 2])
    }

    /// Tenths computed as i/10 land in the bin they open, as the edges are computed the same way.
    func testValuesOnComputedEdgesOpenTheirBin() {
        let values = (0...10).map { Double($0) / 10 }
        XCTAssertEqual(Histogram(values, bins: 10, range: 0...1).counts, [1, 1, 1, 1, 1, 1, 1, 1, 1, 2])
    }

    /// The outline is drawn in the series' colour at the bar's height, and the fill shows inside
    /// the bar only: above it, and over an empty bin, the panel stays white.
    func testBarsAreDrawnAtTheirHeights() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("histogram-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let figure = Figure(width: 800, height: 600)
        let axes = figure[0, 0]
        axes.showGrid = false
        let red = Color(hex: 0xD55E00)
        let counted = axes.histogram([0.5, 0.5, 0.5, 0.5, 2.5, 2.5], bins: 3, range: 0...3, color: red, fillOpacity: 1)
        XCTAssertEqual(counted.counts, [4, 0, 2])
        let url = directory.appendingPathComponent("h.png")
        try figure.writePNG(to: url)
        let image = try PNGImage(contentsOf: url)
        let (_, xm, ym) = try XCTUnwrap(axes.lastLayout)
        XCTAssertTrue(image.has(red, near: xm.pixel(0.5)!, ym.pixel(4)!), "top of the first bar")
        XCTAssertTrue(image.has(red, near: xm.pixel(0.5)!, ym.pixel(2)!), "inside the first bar")
        XCTAssertTrue(image.has(red, near: xm.pixel(2.5)!, ym.pixel(1)!), "inside the third bar")
        XCTAssertLessThanOrEqual(image.distance(Int(xm.pixel(2.5)!), Int(ym.pixel(3)!), to: .white), 3, "above the third bar")
        XCTAssertLessThanOrEqual(image.distance(Int(xm.pixel(1.5)!), Int(ym.pixel(1)!), to: .white), 3, "over the empty bin")
    }
}
