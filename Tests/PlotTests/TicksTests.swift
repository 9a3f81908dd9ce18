import XCTest
@testable import Plot

final class TicksTests: XCTestCase {
    func testUnitIntervalGetsTicksInStepsOfOneFifthWithShortLabels() {
        let ticks = Ticks.linear(lower: 0, upper: 1, maxCount: 6)
        XCTAssertEqual(ticks.map(\.value), [0, 0.2, 0.4, 0.6, 0.8, 1])
        XCTAssertEqual(ticks.map(\.label), ["0", "0.2", "0.4", "0.6", "0.8", "1"])
    }

    func testTickValuesAreFreeOfFloatNoise() {
        let ticks = Ticks.linear(lower: 0.1, upper: 0.7, maxCount: 7)
        XCTAssertEqual(ticks.map(\.label), ["0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7"])
        XCTAssertTrue(ticks.contains { $0.value == 0.3 }, "0.3 must be the double 0.3, not 0.30000000000000004")
    }

    func testStepsAreOneTwoOrFiveTimesAPowerOfTenAndRespectMaxCount() {
        for (lo, hi) in [(0.0, 7.3), (-3.2, 41.0), (0.001, 0.0173), (1e3, 9.9e4), (-1, 1)] {
            for maxCount in 2...10 {
                let ticks = Ticks.linear(lower: lo, upper: hi, maxCount: maxCount)
                XCTAssertLessThanOrEqual(ticks.count, maxCount, "\(lo)...\(hi) max \(maxCount)")
                XCTAssertTrue(ticks.allSatisfy { $0.value >= lo - 1e-12 && $0.value <= hi + 1e-12 })
                let (m, _) = Ticks.niceStep(span: hi - lo, maxCount: maxCount)
                XCTAssertTrue([1, 2, 5].contains(m))
            }
        }
    }

    func testLabelsNeverContainLongZeroRunsOrFloatNoise() {
        for exponent in -12...12 {
            for span in [1.0, 2.5, 7.0] {
                let hi = span * pow(10, Double(exponent))
                for t in Ticks.linear(lower: 0, upper: hi, maxCount: 6) + Ticks.linear(lower: -hi, upper: hi / 3, maxCount: 8) {
                    XCTAssertFalse(t.label.contains("000000"), t.label)
                    XCTAssertFalse(t.label.contains("99999"), t.label)
                    XCTAssertLessThanOrEqual(t.label.count, 8, t.label)
                }
            }
        }
    }

    func testLargeAndTinyRangesUseScientificLabels() {
        XCTAssertEqual(Ticks.linear(lower: 0, upper: 4e7, maxCount: 5).map(\.label), ["0", "1e7", "2e7", "3e7", "4e7"])
        XCTAssertEqual(Ticks.linear(lower: 0, upper: 3e-6, maxCount: 4).map(\.label), ["0", "1e-6", "2e-6", "3e-6"])
    }

    func testLogTicksOverSeveralDecadesAreTheDecades() {
        let ticks = Ticks.log(lower: 0.0001, upper: 10, maxCount: 8)
        let major = ticks.filter(\.isMajor)
        XCTAssertEqual(major.map(\.value), [1e-4, 1e-3, 1e-2, 1e-1, 1, 10])
        XCTAssertEqual(major.first?.label, "10⁻⁴")
        XCTAssertEqual(major.last?.label, "10¹")
    }

    func testLogTicksThinDecadesWhenThereAreTooMany() {
        let major = Ticks.log(lower: 1e-12, upper: 1e12, maxCount: 6).filter(\.isMajor)
        XCTAssertLessThanOrEqual(major.count, 6)
        XCTAssertGreaterThanOrEqual(major.count, 3)
    }

    func testFewDecadesGetUnlabelledTwoAndFiveMinorTicks() {
        let minor = Ticks.log(lower: 0.01, upper: 1, maxCount: 8).filter { !$0.isMajor }
        XCTAssertEqual(minor.map(\.value), [0.02, 0.05, 0.2, 0.5])
        XCTAssertTrue(minor.allSatisfy { $0.label.isEmpty })
    }

    func testNarrowLogRangeLabelsOneTwoFiveMultiples() {
        let ticks = Ticks.log(lower: 0.15, upper: 0.9, maxCount: 8)
        XCTAssertEqual(ticks.map(\.label), ["0.2", "0.5"])
    }

    func testLogTicksOfNonPositiveRangeAreEmpty() {
        XCTAssertTrue(Ticks.log(lower: 0, upper: 10).isEmpty)
        XCTAssertTrue(Ticks.log(lower: -1, upper: 10).isEmpty)
        XCTAssertTrue(Ticks.linear(lower: .nan, upper: 1).isEmpty)
    }

    func testHugeRangeDoesNotOverflow() {
        XCTAssertFalse(Ticks.linear(lower: -1e300, upper: 1e300, maxCount: 5).isEmpty)
        XCTAssertFalse(Ticks.linear(lower: 1e300, upper: 1e300 + 1e285, maxCount: 5).isEmpty)
    }
}

final class ScaleTests: XCTestCase {
    func testLinearMapIsAffineAndFlipsForYAxes() {
        let x = AxisMap(lower: 0, upper: 10, scale: .linear, pixelLower: 100, pixelUpper: 600)
        XCTAssertEqual(x.pixel(5)!, 350, accuracy: 1e-9)
        let y = AxisMap(lower: 0, upper: 1, scale: .linear, pixelLower: 500, pixelUpper: 100)
        XCTAssertEqual(y.pixel(0.25)!, 400, accuracy: 1e-9)
        XCTAssertEqual(y.value(atPixel: 400), 0.25, accuracy: 1e-12)
    }

    func testLogMapPutsDecadesAtEqualDistances() {
        let m = AxisMap(lower: 1e-3, upper: 1, scale: .log, pixelLower: 0, pixelUpper: 300)
        XCTAssertEqual(m.pixel(1e-2)!, 100, accuracy: 1e-9)
        XCTAssertEqual(m.pixel(1e-1)!, 200, accuracy: 1e-9)
        XCTAssertEqual(m.value(atPixel: 150), pow(10, -1.5), accuracy: 1e-12)
    }

    func testUnplaceableValuesMapToNil() {
        let lin = AxisMap(lower: 0, upper: 1, scale: .linear, pixelLower: 0, pixelUpper: 1)
        XCTAssertNil(lin.pixel(.nan)); XCTAssertNil(lin.pixel(.infinity))
        let log = AxisMap(lower: 1, upper: 10, scale: .log, pixelLower: 0, pixelUpper: 1)
        XCTAssertNil(log.pixel(0)); XCTAssertNil(log.pixel(-3))
        XCTAssertNil(AxisMap(lower: 2, upper: 2, scale: .linear, pixelLower: 0, pixelUpper: 1).pixel(2))
    }
}

final class ContourTests: XCTestCase {
    func testFieldIncreasingInXGivesAVerticalLineAtTheLevel() {
        let values = (0..<5).map { _ in (0..<11).map { Double($0) / 10 } }
        let segments = Contour.segments(values: values, x: 0...1, y: 0...1, level: 0.55)
        XCTAssertEqual(segments.count, 4)
        for s in segments {
            XCTAssertEqual(s.x0, 0.55, accuracy: 1e-9)
            XCTAssertEqual(s.x1, 0.55, accuracy: 1e-9)
        }
    }

    func testNaNCellsAreSkippedAndTooSmallGridsGiveNothing() {
        let values: [[Double]] = [[0, 1], [.nan, 1]]
        XCTAssertTrue(Contour.segments(values: values, x: 0...1, y: 0...1, level: 0.5).isEmpty)
        XCTAssertTrue(Contour.segments(values: [[1, 2, 3]], x: 0...1, y: 0...1, level: 2).isEmpty)
    }

    func testSaddleCellGivesTwoSegments() {
        let values: [[Double]] = [[1, 0], [0, 1]]
        XCTAssertEqual(Contour.segments(values: values, x: 0...1, y: 0...1, level: 0.5).count, 2)
    }
}

final class LegendPlacementTests: XCTestCase {
    func testLegendAvoidsTheCornerFullOfPoints() {
        let plot = Rect(x: 0, y: 0, width: 400, height: 300)
        var points: [(Double, Double)] = []
        for i in 0..<50 { points.append((300 + Double(i), 20 + Double(i % 10))) }   // upper right
        for i in 0..<20 { points.append((20 + Double(i), 250)) }                      // lower left
        let best = LegendPlacement.best(width: 120, height: 60, in: plot, inset: 5, points: points)
        XCTAssertTrue(best == .upperLeft || best == .lowerRight, "\(best)")
    }

    func testEmptyPanelPutsLegendUpperRight() {
        let plot = Rect(x: 0, y: 0, width: 400, height: 300)
        XCTAssertEqual(LegendPlacement.best(width: 120, height: 60, in: plot, inset: 5, points: []), .upperRight)
    }
}
