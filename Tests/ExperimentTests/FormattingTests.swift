import XCTest
@testable import ExperimentKit

final class FormattingTests: XCTestCase {
    func testScientificNotationRoundsToSignificantDigits() {
        XCTAssertEqual(scientific(5.627174213001082e-09), "5.63e-9")
        XCTAssertEqual(scientific(0.0009996), "1.00e-3")
        XCTAssertEqual(scientific(-1234.5, digits: 2), "-1.2e3")
        XCTAssertEqual(scientific(0), "0")
        XCTAssertEqual(scientific(.nan), "NaN")
    }

    func testFixedFormattingHasNoFloatNoise() {
        XCTAssertEqual(formatFixed(0.1 + 0.2, decimals: 2), "0.30")
        XCTAssertEqual(formatFixed(-0.0001, decimals: 2), "0.00")
        XCTAssertEqual(formatFixed(97.84, decimals: 1), "97.8")
        XCTAssertEqual(formatFixed(3, decimals: 0), "3")
        XCTAssertEqual(formatFixed(1e19, decimals: 3), "10000000000000000000.000", "no overflow (issue 16, finding 10: --lr=1e19 crashed here)")
    }

    func testCompactNumbersKeepThreeSignificantDigitsWithoutTrailingZeros() {
        XCTAssertEqual(compactNumber(0.5), "0.5")
        XCTAssertEqual(compactNumber(0.033598182862837805), "0.0336")
        XCTAssertEqual(compactNumber(1000), "1000")
        XCTAssertEqual(compactNumber(1e-4), "1e-4")
        XCTAssertEqual(compactNumber(1.8329807108324375e-4), "1.83e-4")
    }

    func testTableAlignsColumns() {
        var table = TextTable("name", "value")
        table.append("a", "1.5")
        table.append("longer", "10")
        XCTAssertEqual(table.rendered.split(separator: "\n").map(String.init),
                       ["name    value", "──────  ─────", "a         1.5", "longer     10"])
    }

    func testMetricsJSONIsSortedAndEncodesNonFiniteNumbers() throws {
        var document = ExperimentDocument(experiment: "x", title: "T", description: "D")
        document["loss"] = .number(.nan)
        document["a"] = [1, 2.5]
        let text = String(decoding: try document.encoded(), as: UTF8.self)
        XCTAssertTrue(text.contains("\"loss\" : \"NaN\""), text)
        let keys = ["\"a\"", "\"description\"", "\"experiment\"", "\"loss\"", "\"schema\"", "\"title\"", "\"values\""]
        XCTAssertEqual(keys.sorted { text.range(of: $0)!.lowerBound < text.range(of: $1)!.lowerBound },
                       ["\"description\"", "\"experiment\"", "\"schema\"", "\"title\"", "\"values\"", "\"a\"", "\"loss\""],
                       "top-level keys sorted, then the values' keys sorted inside values")
    }

    func testAtomicWriteReplacesFileAndLeavesNoTemporary() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("metrics.json")
        try writeAtomically(Data("old".utf8), to: url)
        try writeAtomically(Data("new".utf8), to: url)
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "new")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["metrics.json"])
    }
}

final class ThinningTests: XCTestCase {
    func testThinningKeepsEndsAndLimitsPoints() {
        let values = (0..<100_000).map(Double.init)
        let (steps, kept) = thinned(values, maximum: 2_000)
        XCTAssertLessThanOrEqual(kept.count, 2_001)
        XCTAssertEqual(steps.first, 1)
        XCTAssertEqual(steps.last, 100_000)
        XCTAssertEqual(kept.last, 99_999)
        XCTAssertEqual(thinned([3, 4]).1, [3, 4], "short curves stay whole")
    }
}
