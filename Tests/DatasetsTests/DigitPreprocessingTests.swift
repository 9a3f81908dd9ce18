import XCTest
import Backprop
@testable import Datasets

final class DigitPreprocessingTests: XCTestCase {
    /// A `width × height` grey image with `value` inside the rectangle and `background` elsewhere.
    private func rectangle(width: Int, height: Int, x: Range<Int>, y: Range<Int>, value: Double, background: Double) -> [Double] {
        (0..<(width * height)).map { i in x.contains(i % width) && y.contains(i / width) ? value : background }
    }

    private func inkBox(_ field: [Double]) -> (x: ClosedRange<Int>, y: ClosedRange<Int>, centre: (Double, Double)) {
        var xs: [Int] = [], ys: [Int] = []
        var mass = 0.0, sx = 0.0, sy = 0.0
        for i in field.indices where field[i] > 0.1 {
            xs.append(i % 28); ys.append(i / 28)
            mass += field[i]; sx += field[i] * (Double(i % 28) + 0.5); sy += field[i] * (Double(i / 28) + 0.5)
        }
        return (xs.min()!...xs.max()!, ys.min()!...ys.max()!, (sx / mass, sy / mass))
    }

    func testDarkRectangleOnLightPaperBecomesACentredLightDigitTwentyPixelsTall() throws {
        // A dark bar, 10 wide and 40 tall, off-centre in a 100×60 light image.
        let grey = rectangle(width: 100, height: 60, x: 70..<80, y: 5..<45, value: 0.1, background: 0.9)
        let field = try XCTUnwrap(DigitPreprocessing.mnistInput(grey: grey, width: 100, height: 60))
        XCTAssertEqual(field.count, 784)
        XCTAssertEqual(field[0], 0, "background is dark")
        XCTAssertEqual(field.max()!, 1, accuracy: 1e-12, "ink stretched to 1")
        let box = inkBox(field)
        XCTAssertEqual(box.y.count, 20, "longer side scaled to 20")
        XCTAssertEqual(box.x.count, 5, "aspect ratio kept: 10/40 × 20")
        XCTAssertEqual(box.centre.0, 14, accuracy: 0.5)
        XCTAssertEqual(box.centre.1, 14, accuracy: 0.5)
    }

    func testLightOnDarkIsNotInverted() throws {
        let grey = rectangle(width: 30, height: 30, x: 2..<6, y: 2..<10, value: 1, background: 0)
        let field = try XCTUnwrap(DigitPreprocessing.mnistInput(grey: grey, width: 30, height: 30))
        XCTAssertEqual(field[0], 0)
        XCTAssertEqual(inkBox(field).y.count, 20)
    }

    /// Blank images hold no digit: uniform white, black or grey, a single pixel, and ink
    /// fainter than the minimum contrast (one grey level of noise on white paper).
    func testBlankImagesHoldNoDigit() {
        for level in [0.0, 0.5, 0.7, 1.0] {
            XCTAssertNil(DigitPreprocessing.mnistInput(grey: [Double](repeating: level, count: 16), width: 4, height: 4), "uniform \(level)")
            XCTAssertNil(DigitPreprocessing.mnistInput(grey: [level], width: 1, height: 1), "1×1 of \(level)")
        }
        let faint = rectangle(width: 30, height: 30, x: 10..<14, y: 5..<25, value: 1 - 1.0 / 255, background: 1)
        XCTAssertNil(DigitPreprocessing.mnistInput(grey: faint, width: 30, height: 30))
        let visible = rectangle(width: 30, height: 30, x: 10..<14, y: 5..<25, value: 1 - 1.1 * DigitPreprocessing.minimumContrast, background: 1)
        XCTAssertNotNil(DigitPreprocessing.mnistInput(grey: visible, width: 30, height: 30))
    }

    func testAreaResamplingKeepsTheMeanIntensity() {
        let image = (0..<(12 * 9)).map { Double($0 % 7) / 6 }
        let small = DigitPreprocessing.areaResample(image, width: 12, origin: (0, 0), size: (12, 9), to: (5, 4))
        XCTAssertEqual(small.reduce(0, +) / 20, image.reduce(0, +) / 108, accuracy: 1e-12)
    }
}
