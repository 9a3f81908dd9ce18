import XCTest
@testable import Plot

final class PaletteTests: XCTestCase {
    func testHexLiteralDecodesChannels() {
        let c = Color(hex: 0xD55E00)
        XCTAssertEqual(c.red, 213.0 / 255, accuracy: 1e-12)
        XCTAssertEqual(c.green, 94.0 / 255, accuracy: 1e-12)
        XCTAssertEqual(c.blue, 0, accuracy: 1e-12)
    }

    func testSeriesColoursCycleAndAreDistinct() {
        XCTAssertEqual(Palette.color(0), Palette.color(8))
        XCTAssertEqual(Set(Palette.okabeIto.map { "\($0)" }).count, 8)
    }
}
