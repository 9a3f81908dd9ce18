import Foundation
import XCTest
import Report

final class BenchmarkExperimentTests: XCTestCase {
    /// Only the machinery: `--quick` sizes in a debug build give meaningless times, so this
    /// checks that every case ran and that the JSON is well formed, not the numbers.
    func testQuickBenchmarkWithoutPythonWritesWellFormedJSON() throws {
        let output = try ExecutableRunner.temporaryDirectory(self)
        let result = try ExecutableRunner.run("benchmark", ["--quick", "--skip-python", "--threads", "1", "--output", output.path])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.contains("skipped: --skip-python"), result.standardOutput)

        let bench = try JSONValue.parse(Data(contentsOf: output.appendingPathComponent("bench.json")))
        let rows = try XCTUnwrap(bench["results"]?.arrayValue)
        let cases = Set(rows.compactMap { $0["case"]?.stringValue })
        XCTAssertEqual(cases, ["mnist_f32", "mnist_f64", "mlp_f32", "mlp_products_f32", "and_f64", "and_film_f64", "sine_f64",
                               "matmul256_f32", "matmul512_f32", "matmul1024_f32",
                               "matmul256_f64", "matmul512_f64", "matmul1024_f64"])
        for row in rows {
            XCTAssertGreaterThan(try XCTUnwrap(row["ours_s"]?.doubleValue), 0, "\(row)")
            XCTAssertEqual(row["torch_s"], .null)
        }
        XCTAssertGreaterThan(try XCTUnwrap(bench["fp32_peak_gflops"]?.doubleValue), 0)
        XCTAssertGreaterThan(try XCTUnwrap(bench["peak_rss_bytes"]?.doubleValue), 0)

        let document = try ExecutableRunner.document(in: output)
        XCTAssertEqual(document.experiment, "benchmark")
        XCTAssertFalse(document.figures.isEmpty)
        // The page's tables and conclusion come from the same run as bench.json.
        let times = try XCTUnwrap(document.results.first { $0.title == "Times and ratios" })
        XCTAssertEqual(times.rows.count, rows.count)
        let targets = try XCTUnwrap(document.results.first { $0.title.hasPrefix("Targets") })
        let verdicts = targets.rows.compactMap { row -> String? in if case .text(let verdict) = row.last { verdict } else { nil } }
        let met = verdicts.filter { $0 == "met" }.count, measured = verdicts.filter { $0 != "not measured" }.count
        XCTAssertEqual(document.headline, "\(met) of \(measured) targets met")
        for file in document.figures.map(\.file) {
            XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent(file).path), file)
        }
    }
}
