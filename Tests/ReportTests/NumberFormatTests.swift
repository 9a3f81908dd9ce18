import XCTest
@testable import Report

final class NumberFormatTests: XCTestCase {
    func testAutomaticShowsAboutFourSignificantDigitsAndIntegersAsIntegers() {
        XCTAssertEqual(NumberFormat.automatic.format(0.0031234), "0.003123")
        XCTAssertEqual(NumberFormat.automatic.format(2000), "2000")
        XCTAssertEqual(NumberFormat.automatic.format(-100_000), "-100\u{202F}000", "grouped from five digits on")
        XCTAssertEqual(NumberFormat.automatic.format(0.1 + 0.2), "0.3")
        XCTAssertEqual(NumberFormat.automatic.format(1.5e-7), "1.500e-7")
        XCTAssertEqual(NumberFormat.automatic.format(.nan), "NaN")
        XCTAssertEqual(NumberFormat.automatic.format(-.infinity), "−∞")
    }

    func testExplicitFormats() {
        XCTAssertEqual(NumberFormat.scientific(2).format(0.00056), "5.60e-4")
        XCTAssertEqual(NumberFormat.scientific(1).format(123_456), "1.2e5")
        XCTAssertEqual(NumberFormat.fixed(2).format(0.5), "0.50")
        XCTAssertEqual(NumberFormat.significant(3).format(0.012345), "0.0123")
        XCTAssertEqual(NumberFormat.percent(1).format(0.9823), "98.2")
        XCTAssertEqual(NumberFormat.integer.format(811.6), "812")
        XCTAssertEqual(NumberFormat.integer.format(1_234_567), "1\u{202F}234\u{202F}567")
    }

    func testStringFormRoundTrips() {
        for format in [NumberFormat.automatic, .integer, .fixed(3), .significant(2), .scientific(0), .percent(1)] {
            XCTAssertEqual(NumberFormat(format.text), format)
        }
        XCTAssertNil(NumberFormat("fixed"))
        XCTAssertNil(NumberFormat("significant:0"))
    }
}
